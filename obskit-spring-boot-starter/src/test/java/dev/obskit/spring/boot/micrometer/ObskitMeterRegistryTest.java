package dev.obskit.spring.boot.micrometer;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.testkit.ObservabilityExtension;
import dev.obskit.testkit.TestTelemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real Micrometer meters recorded through the facade into the testkit's memory backend. */
class ObskitMeterRegistryTest {
  @RegisterExtension
  static final ObservabilityExtension OBS = ObservabilityExtension.builder()
      .configure(sdk -> sdk.set("limits.max_cardinality", 2))
      .build();

  @Test
  void aCounterIsAnObskitCounterWithItsTagsAsLabels(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    Counter counter = Counter.builder("orders.placed").tag("shop", "eu").baseUnit("orders").register(registry);
    counter.increment();
    counter.increment(2);

    assertThat(counter.count()).isEqualTo(3);
    assertThat(telemetry).hasCounter("orders.placed").withLabels(Labels.of("shop", "eu")).withTotal(3);
    assertThat(telemetry.metric("orders.placed").orElseThrow().unit()).isEqualTo("orders");
  }

  @Test
  void aTimerIsAHistogramInSecondsWithHttpBoundaries(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    Timer timer = Timer.builder("http.server.requests").tag("uri", "/q").register(registry);
    timer.record(Duration.ofMillis(250));
    timer.record(Duration.ofMillis(750));

    assertThat(telemetry).hasHistogram("http.server.requests").withLabels(Labels.of("uri", "/q")).withCount(2)
        .withSum(1.0);
    var metric = telemetry.metric("http.server.requests").orElseThrow();
    assertThat(metric.type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(metric.unit()).isEqualTo("s");
    assertThat(metric.buckets()).startsWith(0.005, 0.01).endsWith(10.0);
    assertThat(timer.count()).isEqualTo(2); // Micrometer's own statistics stay readable
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1.0);
  }

  @Test
  void aTimersServiceLevelObjectivesBecomeItsBoundariesInSeconds(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    Timer.builder("checkout").serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1))
        .register(registry).record(Duration.ofMillis(50));

    assertThat(telemetry.metric("checkout").orElseThrow().buckets()).containsExactly(0.1, 1.0);
  }

  @Test
  void aDistributionSummaryIsAHistogramInItsBaseUnit(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    DistributionSummary summary = DistributionSummary.builder("payload.size").baseUnit("bytes").register(registry);
    summary.record(100);
    summary.record(300);

    assertThat(telemetry).hasHistogram("payload.size").withCount(2).withSum(400);
    assertThat(telemetry.metric("payload.size").orElseThrow().unit()).isEqualTo("bytes");
  }

  @Test
  void gaugesAndFunctionCountersAreReadAtCollection(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    AtomicInteger queue = new AtomicInteger(4);
    Gauge.builder("queue.size", queue, AtomicInteger::get).tag("queue", "jobs").register(registry);
    AtomicInteger done = new AtomicInteger(7);
    FunctionCounter.builder("jobs.done", done, AtomicInteger::get).register(registry);

    assertThat(telemetry.gaugeValue("queue.size", Labels.of("queue", "jobs"))).hasValue(4);
    queue.set(9);
    assertThat(telemetry.gaugeValue("queue.size", Labels.of("queue", "jobs"))).hasValue(9);
    assertThat(telemetry.gaugeValue("jobs.done", Labels.empty())).hasValue(7);
  }

  @Test
  void aLongTaskTimerReportsActiveTasksAndTheirDuration(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    LongTaskTimer timer = LongTaskTimer.builder("reindex").register(registry);
    LongTaskTimer.Sample sample = timer.start();

    assertThat(telemetry.gaugeValue("reindex", Labels.empty())).hasValue(1);
    assertThat(telemetry.gaugeValue("reindex.duration", Labels.empty())).isPresent();
    sample.stop();
    assertThat(telemetry.gaugeValue("reindex", Labels.empty())).hasValue(0);
  }

  @Test
  void removingAMeterStopsItsGauge(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    Gauge gauge = Gauge.builder("pool.size", () -> 3).register(registry);
    assertThat(telemetry.gaugeValue("pool.size", Labels.empty())).hasValue(3);

    registry.remove(gauge);

    assertThat(telemetry.gaugeValue("pool.size", Labels.empty())).isEmpty();
  }

  @Test
  void micrometerTagsGoThroughTheCardinalityBudget(Observability obs, TestTelemetry telemetry) {
    ObskitMeterRegistry registry = new ObskitMeterRegistry(obs);
    for (String user : new String[] {"a", "b", "c", "d"}) {
      registry.counter("logins", "user", user).increment();
    }

    assertThat(telemetry.metric("logins").orElseThrow().labelSets()).hasSize(2);
    assertThat(telemetry).hasSelfMetric("dropped.cardinality_overflow", 2);
  }
}
