package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedMetric;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics recorded through the facade, checked as they arrive at an OTLP/HTTP receiver. */
class OtlpMetricsWireTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Labels MATH = Labels.of("type", "math");

  private OtlpHttpReceiver collector;
  private Observability obs;

  @BeforeEach
  void start() {
    collector = OtlpHttpReceiver.start();
  }

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    collector.close();
  }

  private Observability sdk(String extraYaml) {
    obs = ObservabilitySdk.builder()
        .serviceName("question-service")
        .serviceVersion("1.4.2")
        .environment("staging")
        .environmentVariables(Map.of())
        .route(Signal.METRICS, "otel")
        .route(Signal.TRACES)
        .route(Signal.ERRORS)
        .route(Signal.EVENTS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .set("otel.traces.exporter", "none")
        .configYaml("otel:\n  resource: {team: ai}\n" + extraYaml)
        .build();
    return obs;
  }

  @Test
  void counterArrivesAsMonotonicSumWithLabelsUnitAndResource() {
    Observability obs = sdk("  enabled: true\n");
    Counter generated = obs.counter("questions.generated", InstrumentOptions.builder().unit("1")
        .description("questions generated").build());
    generated.add(1, MATH);
    generated.add(2, MATH);
    generated.add(5, Labels.of("type", "history"));
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric metric = collector.awaitMetric("questions.generated", WAIT);
    assertThat(metric.kind()).isEqualTo(ReceivedMetric.Kind.MONOTONIC_SUM);
    assertThat(metric.proto().getSum().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    assertThat(metric.unit()).isEqualTo("1");
    assertThat(metric.description()).isEqualTo("questions generated");
    assertThat(metric.value(Map.of("type", "math"))).isEqualTo(3.0);
    assertThat(metric.value(Map.of("type", "history"))).isEqualTo(5.0);
    assertThat(metric.scope()).isEqualTo("dev.obskit");
    assertThat(metric.resource())
        .containsEntry("service.name", "question-service")
        .containsEntry("service.version", "1.4.2")
        .containsEntry("deployment.environment", "staging")
        .containsEntry("deployment.environment.name", "staging")
        .containsEntry("team", "ai")
        .containsEntry("telemetry.sdk.language", "java");
  }

  @Test
  void upDownCounterArrivesAsNonMonotonicSum() {
    Observability obs = sdk("  enabled: true\n");
    UpDownCounter inFlight = obs.upDownCounter("requests.in_flight");
    inFlight.add(5, Labels.empty());
    inFlight.add(-2, Labels.empty());
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric metric = collector.awaitMetric("requests.in_flight", WAIT);
    assertThat(metric.kind()).isEqualTo(ReceivedMetric.Kind.NON_MONOTONIC_SUM);
    assertThat(metric.value(Map.of())).isEqualTo(3.0);
  }

  @Test
  void histogramUsesBucketsFromInstrumentOptions() {
    Observability obs = sdk("  enabled: true\n");
    Histogram latency = obs.histogram("generation.duration",
        InstrumentOptions.builder().unit("ms").buckets(5, 10, 25, 50).build());
    latency.record(3, MATH);
    latency.record(7, MATH);
    latency.record(70, MATH);
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric metric = collector.awaitMetric("generation.duration", WAIT);
    assertThat(metric.kind()).isEqualTo(ReceivedMetric.Kind.HISTOGRAM);
    assertThat(metric.unit()).isEqualTo("ms");
    HistogramDataPoint point = metric.histogram(Map.of("type", "math"));
    assertThat(point.getExplicitBoundsList()).containsExactly(5.0, 10.0, 25.0, 50.0);
    assertThat(point.getBucketCountsList()).containsExactly(1L, 1L, 0L, 0L, 1L);
    assertThat(point.getCount()).isEqualTo(3);
    assertThat(point.getSum()).isEqualTo(80.0);
    assertThat(point.getMin()).isEqualTo(3.0);
    assertThat(point.getMax()).isEqualTo(70.0);
  }

  @Test
  void histogramBucketsFromConfigurationWinOverInstrumentOptions() {
    Observability obs = sdk("  metrics:\n    histogram_buckets:\n"
        + "      generation_latency: {instrument: generation.duration, buckets: [100, 200]}\n");
    Histogram latency = obs.histogram("generation.duration",
        InstrumentOptions.builder().unit("ms").buckets(5, 10).build());
    latency.record(150, Labels.empty());
    assertThat(obs.flush(WAIT)).isTrue();

    HistogramDataPoint point = collector.awaitMetric("generation.duration", WAIT).histogram(Map.of());
    assertThat(point.getExplicitBoundsList()).containsExactly(100.0, 200.0);
    assertThat(point.getBucketCountsList()).containsExactly(0L, 1L, 0L);
  }

  @Test
  void synchronousAndCallbackGaugesArriveAsGauges() {
    Observability obs = sdk("  enabled: true\n");
    Gauge pool = obs.gauge("pool.size", InstrumentOptions.unit("{connection}"));
    pool.set(7, Labels.of("pool", "db"));
    pool.set(4, Labels.of("pool", "db"));
    AtomicReference<Double> queue = new AtomicReference<>(12.0);
    Registration registration = obs.gauge("queue.depth", InstrumentOptions.defaults(), Labels.of("queue", "jobs"),
        queue::get);
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric gauge = collector.awaitMetric("pool.size", WAIT);
    assertThat(gauge.kind()).isEqualTo(ReceivedMetric.Kind.GAUGE);
    assertThat(gauge.unit()).isEqualTo("{connection}");
    assertThat(gauge.value(Map.of("pool", "db"))).isEqualTo(4.0);
    ReceivedMetric depth = collector.awaitMetric("queue.depth", WAIT);
    assertThat(depth.kind()).isEqualTo(ReceivedMetric.Kind.GAUGE);
    assertThat(depth.value(Map.of("queue", "jobs"))).isEqualTo(12.0);

    // After the registration closes, later collections no longer carry the callback's point.
    queue.set(99.0);
    registration.close();
    collector.clear();
    pool.set(5, Labels.of("pool", "db"));
    assertThat(obs.flush(WAIT)).isTrue();
    collector.awaitMetric("pool.size", m -> m.value(Map.of("pool", "db")) == 5.0, WAIT);
    assertThat(collector.metrics()).noneMatch(m -> m.name().equals("queue.depth"));
  }

  @Test
  void recordMetricWithoutBoundHandleReachesTheSameInstrument() {
    Observability obs = sdk("  enabled: true\n");
    obs.recordMetric("questions.generated", 1, MATH, MetricType.COUNTER);
    obs.recordMetric("questions.generated", 1, Map.of("type", "math"), MetricType.COUNTER);
    obs.counter("questions.generated").add(1, MATH);
    assertThat(obs.flush(WAIT)).isTrue();

    assertThat(collector.awaitMetric("questions.generated", WAIT).value(Map.of("type", "math"))).isEqualTo(3.0);
  }

  @Test
  void deltaTemporalityIsConfigurable() {
    Observability obs = sdk("  metrics:\n    temporality: delta\n");
    obs.counter("questions.generated").add(2, MATH);
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric metric = collector.awaitMetric("questions.generated", WAIT);
    assertThat(metric.proto().getSum().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    assertThat(metric.value(Map.of("type", "math"))).isEqualTo(2.0);
  }
}
