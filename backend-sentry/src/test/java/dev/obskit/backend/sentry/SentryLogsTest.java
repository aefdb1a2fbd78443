package dev.obskit.backend.sentry;

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
import dev.obskit.testkit.sentry.ReceivedLog;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Log records through the facade as Sentry Logs, read from the envelopes on the wire. */
class SentryLogsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SentryTestServer server = SentryTestServer.start();
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    server.close();
  }

  private ObservabilitySdk.Builder sdk() {
    return ObservabilitySdk.builder().serviceName("question-service").serviceVersion("1.2.3").environment("staging")
        .environmentVariables(Map.of()).provider(new SentryBackendProvider())
        .route(Signal.LOGS, "sentry").route(Signal.ERRORS).route(Signal.EVENTS).route(Signal.METRICS)
        .set("sentry.dsn", server.dsn()).set("sentry.server_name", "web-1");
  }

  @Test
  void recordsArriveAsLogItemsWithLevelBodyAttributesAndTheirSpan() {
    obs = sdk().route(Signal.TRACES, "sentry").build();
    SpanContext span;
    try (Span s = obs.startSpan("store")) {
      span = s.context();
      obs.log(LogRecord.builder(LogLevel.ERROR, "store failed").loggerName("app.Store").threadName("worker-1")
          .attribute("question_id", "q-1").attribute("attempt", 3).attribute("ratio", 0.5).attribute("retry", true)
          .attribute("password", "hunter2").throwable(new IllegalStateException("disk full")).build());
    }
    obs.log(LogLevel.INFO, "idle", Map.of());
    obs.flush(Duration.ofSeconds(5));

    ReceivedLog failed = server.awaitLog("store failed", WAIT);
    assertThat(failed.level()).isEqualTo("error");
    assertThat(failed.severityNumber().intValue()).isEqualTo(17);
    assertThat(failed.traceId()).isEqualTo(span.traceId());
    assertThat(failed.spanId()).isEqualTo(span.spanId());
    assertThat(failed.attributes()).containsEntry("question_id", "q-1").containsEntry("attempt", 3)
        .containsEntry("ratio", 0.5).containsEntry("retry", true).containsEntry("password", "[Filtered]")
        .containsEntry("logger.name", "app.Store").containsEntry("thread.name", "worker-1")
        .containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("sentry.environment", "staging").containsEntry("sentry.release", "question-service@1.2.3")
        .containsEntry("server.address", "web-1").containsEntry("sentry.origin", "auto.log.obskit")
        .containsKey("sentry.sdk.name");
    assertThat(failed.envelope().items("log")).isNotEmpty();
    assertThat(server.awaitLog("idle", WAIT).level()).isEqualTo("info");
    assertThat(server.logs()).noneMatch(l -> l.toString().contains("hunter2"));
  }

  @Test
  void theSpanIdsComeFromThePrimaryWhateverItIs() {
    TestTelemetry telemetry = new TestTelemetry();
    obs = sdk().provider(new MemoryBackendProvider(telemetry)).route(Signal.TRACES, "memory").build();
    SpanContext span;
    try (Span s = obs.startSpan("judge")) {
      span = s.context();
      obs.log(LogLevel.WARN, "slow judge", Map.of());
    }
    obs.flush(Duration.ofSeconds(5));
    ReceivedLog log = server.awaitLog("slow judge", WAIT);
    assertThat(log.traceId()).isEqualTo(span.traceId());
    assertThat(log.spanId()).isEqualTo(span.spanId());
    assertThat(log.level()).isEqualTo("warn");
  }
}
