package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedLog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Log records sent through the facade, decoded as they arrive at an OTLP/HTTP receiver. */
class OtlpLogsWireTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

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

  private ObservabilitySdk.Builder sdk() {
    return ObservabilitySdk.builder().serviceName("question-service").environmentVariables(Map.of())
        .route(Signal.LOGS, "otel").route(Signal.METRICS).route(Signal.ERRORS).route(Signal.EVENTS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none")
        .set("otel.logs.batch.schedule_delay", "50ms");
  }

  @Test
  void recordsArriveWithSeverityBodyScopeAttributesExceptionAndTheirSpan() {
    obs = sdk().route(Signal.TRACES, "otel").build();
    SpanContext span;
    obs.log(LogLevel.INFO, "starting", Map.of());
    try (Span s = obs.startSpan("store")) {
      span = s.context();
      obs.log(LogRecord.builder(LogLevel.ERROR, "store failed").loggerName("app.Store").threadName("worker-1")
          .attribute("question_id", "q-1").attribute("attempt", 3).attribute("ratio", 0.5).attribute("retry", true)
          .attribute("api_key", "s3cret").throwable(new IllegalStateException("disk full")).build());
    }

    ReceivedLog failed = collector.awaitLog("store failed", WAIT);
    assertThat(failed.severityText()).isEqualTo("ERROR");
    assertThat(failed.severityNumber()).isEqualTo(17);
    assertThat(failed.scope()).isEqualTo("app.Store");
    assertThat(failed.traceId()).isEqualTo(span.traceId());
    assertThat(failed.spanId()).isEqualTo(span.spanId());
    assertThat(failed.flags() & 1).isEqualTo(1);
    assertThat(failed.resource()).containsEntry("service.name", "question-service");
    assertThat(failed.attributes()).containsEntry("question_id", "q-1").containsEntry("attempt", 3L)
        .containsEntry("ratio", 0.5).containsEntry("retry", true).containsEntry("api_key", "[Filtered]")
        .containsEntry("thread.name", "worker-1")
        .containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("exception.message", "disk full");
    assertThat((String) failed.attributes().get("exception.stacktrace")).contains("disk full", "at dev.obskit");
    assertThat(failed.epochNanos()).isPositive();

    ReceivedLog starting = collector.awaitLog("starting", WAIT);
    assertThat(starting.traceId()).isEmpty();
    assertThat(starting.scope()).isEqualTo("dev.obskit");
    assertThat(starting.severityNumber()).isEqualTo(9);
  }

  @Test
  void theSpanIdsComeFromThePrimaryWhateverItIs() {
    // Logs to OpenTelemetry, traces to another backend: the record still names the span.
    TestTelemetry telemetry = new TestTelemetry();
    obs = sdk().provider(new MemoryBackendProvider(telemetry)).route(Signal.TRACES, "memory").build();
    SpanContext span;
    try (Span s = obs.startSpan("judge")) {
      span = s.context();
      obs.log(LogLevel.WARN, "slow judge", Map.of());
    }
    ReceivedLog log = collector.awaitLog("slow judge", WAIT);
    assertThat(log.traceId()).isEqualTo(span.traceId());
    assertThat(log.spanId()).isEqualTo(span.spanId());
  }

  @Test
  void theLogsOwnEndpointWinsOverTheSharedOne() {
    // As OTEL_EXPORTER_OTLP_LOGS_ENDPOINT does: the full URL, nothing appended.
    obs = sdk().route(Signal.TRACES).set("otel.otlp.endpoint", "http://127.0.0.1:1")
        .set("otel.otlp.logs.endpoint", collector.endpoint() + "/v1/logs").build();
    obs.log(LogLevel.INFO, "to the logs endpoint", Map.of());
    assertThat(collector.awaitLog("to the logs endpoint", WAIT).severityText()).isEqualTo("INFO");
  }

  @Test
  void everyRecordLostToAFullQueueOrAFailedExportIsCounted() {
    collector.failWith(500);
    obs = sdk().route(Signal.TRACES).set("otel.logs.batch.max_queue_size", 2).set("otel.otlp.retry", false).build();
    int emitted = 200;
    for (int i = 0; i < emitted; i++) {
      obs.log(LogLevel.INFO, "line " + i, Map.of());
    }
    obs.close(Duration.ofSeconds(5));
    long queueFull = obs.selfMetrics().get("otel.logs_dropped.queue_full");
    long exportFailed = obs.selfMetrics().get("otel.logs_dropped.export_failed");
    // 200 records in a tight loop outrun batches of 2 sent over HTTP; how many get in varies.
    assertThat(queueFull).isPositive();
    assertThat(exportFailed).isPositive();
    assertThat(queueFull + exportFailed).isEqualTo(emitted);
    assertThat(obs.selfMetrics().get("otel.logs_dropped")).isEqualTo(emitted);
  }
}
