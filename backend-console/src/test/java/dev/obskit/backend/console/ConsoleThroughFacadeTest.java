package dev.obskit.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.User;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console backend behind the real core: routing, scrubbing, current span, lifecycle. */
class ConsoleThroughFacadeTest {
  private final Captured out = new Captured();

  private Observability sdk() {
    return ObservabilitySdk.builder()
        .serviceName("question-service")
        .provider(new ConsoleBackendProvider(out.stream))
        .configYaml("routing:\n  errors: console\n  metrics: console\n  traces: console\n  events: console\n  logs: console\n"
            + "console:\n  color: never\n  stack_frames: 2\n")
        .environmentVariables(Map.of())
        .build();
  }

  @Test
  void errorInsideASpanCarriesItsTraceAndSecretsAreFiltered() {
    Observability obs = sdk();
    obs.setUser(User.id("42"));
    obs.setTag("region", "eu");
    String traceId;
    String childSpanId;
    try (Span run = obs.startSpan("pipeline.run")) {
      traceId = run.context().traceId();
      try (Span child = obs.startSpan("generate")) {
        childSpanId = child.context().spanId();
        obs.captureError(new IllegalStateException("provider timed out"),
            Map.of("provider", "openai", "password", "hunter2"), Level.ERROR);
        obs.recordEvent("pipeline.stage_done", Map.of("stage", "generate"));
      }
    }
    obs.close(Duration.ofSeconds(5));

    String text = out.text();
    assertThat(text).contains("ERROR   java.lang.IllegalStateException: provider timed out")
        .contains("  trace    " + traceId + "  span " + childSpanId)
        .contains("  user     42")
        .contains("region=eu")
        .contains("password=[Filtered]")
        .doesNotContain("hunter2")
        .containsPattern("EVENT   pipeline\\.stage_done \\{stage=generate}  trace=" + traceId)
        .contains("TRACE " + traceId + "  pipeline.run")
        .contains("`-- generate  ");
  }

  @Test
  void logLinesShowLevelLoggerMessageAttributesExceptionAndTheirTraceIds() {
    Observability obs = sdk();
    String traceId;
    String spanId;
    obs.log(LogLevel.INFO, "starting", Map.of());
    try (Span span = obs.startSpan("store")) {
      traceId = span.context().traceId();
      spanId = span.context().spanId();
      obs.log(LogRecord.builder(LogLevel.ERROR, "store failed").loggerName("app.Store")
          .attribute("question_id", "q-1").attribute("token", "s3cret")
          .throwable(new IllegalStateException("disk full")).build());
    }
    obs.close(Duration.ofSeconds(5));
    assertThat(out.text())
        .containsPattern("INFO +starting" + System.lineSeparator())
        .containsPattern("ERROR +app\\.Store store failed \\{question_id=q-1, token=\\[Filtered]}"
            + " java\\.lang\\.IllegalStateException: disk full  trace=" + traceId + " span=" + spanId)
        .doesNotContain("s3cret");
  }

  @Test
  void metricSummaryIsPrintedAtClose() {
    Observability obs = sdk();
    Labels math = Labels.of("type", "math");
    obs.counter("questions.generated").add(2, math);
    obs.counter("questions.generated").add(3, math);
    obs.gauge("questions.stored", dev.obskit.api.InstrumentOptions.defaults(), Labels.empty(), () -> 7);
    obs.close(Duration.ofSeconds(5));
    assertThat(out.text()).containsPattern("questions\\.generated +counter +type=math +- +5")
        .containsPattern("questions\\.stored +gauge +- +- +7");
  }
}
