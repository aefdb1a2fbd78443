package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedMetric;
import dev.obskit.testkit.TestTelemetry;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedMetric;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.runtime_metrics} and {@code otel.resource_detection}: OpenTelemetry's runtime
 * telemetry and resource detectors, into the otel SDK when it takes metrics, and through the
 * facade into any other metric backend.
 */
class RuntimeTelemetryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final OtlpHttpReceiver collector = OtlpHttpReceiver.start();
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(WAIT);
    }
    collector.close();
  }

  @Test
  void runtimeMetricsReachAMetricBackendThatIsNotOtel() throws InterruptedException {
    TestTelemetry memory = new TestTelemetry();
    obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
        .provider(new OtelBackendProvider()).provider(new MemoryBackendProvider(memory))
        // otel takes the traces; the metrics go to the memory backend only.
        .route(Signal.TRACES, "otel").route(Signal.METRICS, "memory").route(Signal.ERRORS).route(Signal.EVENTS)
        .set("otel.traces.exporter", "none")
        .set("otel.runtime_metrics", true)
        .set("otel.metrics.export_interval", "50ms")
        .build();
    System.gc();
    Thread.sleep(300);
    assertThat(obs.flush(WAIT)).isTrue();

    RecordedMetric used = memory.metric("jvm.memory.used").orElseThrow(() -> new AssertionError(memory.summary()));
    assertThat(used.type()).isEqualTo(MetricType.GAUGE);
    assertThat(used.unit()).isEqualTo("By");
    assertThat(used.labelSets()).anySatisfy(labels -> assertThat(labels.asMap()).containsEntry("jvm.memory.type", "heap"));
    assertThat(used.lastValues().values()).anySatisfy(v -> assertThat(v).isPositive()).allSatisfy(v -> assertThat(v).isNotNegative());
    assertThat(memory.metric("jvm.thread.count").orElseThrow().lastValues().values()).anySatisfy(v -> assertThat(v).isPositive());
    assertThat(memory.metric("jvm.class.loaded").orElseThrow().type()).isEqualTo(MetricType.COUNTER);
    assertThat(memory.metric("jvm.class.loaded").orElseThrow().total()).isPositive();
    assertThat(memory.metric("jvm.cpu.time").orElseThrow().total()).isPositive();
    RecordedMetric gc = memory.metric("jvm.gc.duration").orElseThrow(() -> new AssertionError(memory.summary()));
    assertThat(gc.type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(gc.points()).as("System.gc() was collected and recorded").isNotEmpty();
  }

  @Test
  void withOtelTakingMetricsTheyAreExportedWithTheDetectedResource() {
    obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
        .provider(new OtelBackendProvider())
        .route(Signal.METRICS, "otel").route(Signal.TRACES).route(Signal.ERRORS).route(Signal.EVENTS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .set("otel.runtime_metrics", true)
        .set("otel.resource_detection", true)
        .build();
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric used = collector.awaitMetric("jvm.memory.used", WAIT);
    assertThat(used.resource()).containsKeys("host.name", "os.type", "process.pid", "process.runtime.name")
        .containsEntry("service.name", "svc");
    assertThat(collector.awaitMetric("jvm.thread.count", WAIT)).isNotNull();
    assertThat(collector.awaitMetric("jvm.cpu.time", WAIT)).isNotNull();
  }

  @Test
  void bothAreOptIn() {
    obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
        .provider(new OtelBackendProvider())
        .route(Signal.METRICS, "otel").route(Signal.TRACES).route(Signal.ERRORS).route(Signal.EVENTS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .build();
    obs.counter("work.done").add(1);
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedMetric done = collector.awaitMetric("work.done", WAIT);
    assertThat(done.resource()).doesNotContainKeys("host.name", "process.pid");
    assertThat(collector.metrics()).extracting(ReceivedMetric::name).doesNotContain("jvm.memory.used");
  }
}
