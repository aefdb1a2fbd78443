package dev.obskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the demo's pipeline against the testkit's memory backend and checks what it reported. */
class QuestionPipelineTest {
  private final TestTelemetry telemetry = new TestTelemetry();

  private Observability memoryObservability() {
    return ObservabilitySdk.builder()
        .serviceName(QuestionPipelineDemo.SERVICE_NAME)
        .provider(new MemoryBackendProvider(telemetry))
        .route(Signal.ERRORS, "memory")
        .route(Signal.METRICS, "memory")
        .route(Signal.TRACES, "memory")
        .route(Signal.EVENTS, "memory")
        .environmentVariables(java.util.Map.of())
        .build();
  }

  @Test
  void runSummaryCountsWhatTheSimulatedComponentsDid() {
    Observability obs = memoryObservability();
    RunSummary summary = new QuestionPipeline(obs, 42).run(QuestionPipeline.DEFAULT_ITEMS);
    obs.close(Duration.ofSeconds(5));

    assertThat(summary.generated()).isEqualTo(5);
    assertThat(summary.evaluated()).isEqualTo(4);
    assertThat(summary.deduplicated()).isEqualTo(1);
    assertThat(summary.stored()).isEqualTo(3);
    assertThat(summary.errors()).isEqualTo(2);
    assertThat(summary.duration()).isPositive();
  }

  @Test
  void errorsCarryTheTraceOfTheirStageAndTheIdOfTheFailingItemSpan() {
    Observability obs = memoryObservability();
    new QuestionPipeline(obs, 42).run(QuestionPipeline.DEFAULT_ITEMS);
    obs.close(Duration.ofSeconds(5));

    RecordedSpan generate = telemetry.span("generate").orElseThrow();
    RecordedSpan evaluate = telemetry.span("evaluate").orElseThrow();
    RecordedSpan run = telemetry.span("pipeline.run").orElseThrow();
    assertThat(generate.isChildOf(run)).isTrue();
    assertThat(evaluate.isChildOf(run)).isTrue();

    List<ErrorEvent> timeouts = telemetry.errors(ProviderTimeoutException.class);
    assertThat(timeouts).hasSize(1);
    ErrorEvent timeout = timeouts.get(0);
    assertThat(timeout.spanContext().traceId()).isEqualTo(generate.traceId());
    RecordedSpan failedItem = spanWithIndex("generate.question", QuestionPipeline.TIMEOUT_ITEM);
    assertThat(failedItem.isChildOf(generate)).isTrue();
    assertThat(timeout.spanContext().spanId()).isEqualTo(failedItem.spanId());
    assertThat(failedItem.status()).hasToString("ERROR");
    assertThat(timeout.context()).containsEntry("stage", "generate").containsEntry("api_key", "[Filtered]");
    assertThat(timeout.tags()).containsEntry("error_class", "provider_timeout");

    List<ErrorEvent> parseErrors = telemetry.errors(EvaluationParseException.class);
    assertThat(parseErrors).hasSize(1);
    RecordedSpan garbled = spanWithIndex("evaluate.question", QuestionPipeline.GARBLED_ITEM);
    // Ran on a judge thread: the wrapped executor carried the evaluate span across.
    assertThat(garbled.isChildOf(evaluate)).isTrue();
    assertThat(parseErrors.get(0).spanContext().traceId()).isEqualTo(evaluate.traceId());
    assertThat(parseErrors.get(0).spanContext().spanId()).isEqualTo(garbled.spanId());
    assertThat(parseErrors.get(0).user().id()).isEqualTo("question-bot");
  }

  @Test
  void everyStageReportsSpansMetricsAndEvents() {
    Observability obs = memoryObservability();
    new QuestionPipeline(obs, 42).run(QuestionPipeline.DEFAULT_ITEMS);

    assertThat(telemetry.spans("generate.question")).hasSize(6);
    assertThat(telemetry.spans("evaluate.question")).hasSize(5)
        .allSatisfy(s -> assertThat(s.isChildOf(telemetry.span("evaluate").orElseThrow())).isTrue());
    assertThat(telemetry.span("deduplicate").orElseThrow().attributes()).containsEntry("duplicates", 1L);
    assertThat(telemetry.openSpans()).isEmpty();

    double generated = 0;
    for (String type : List.of("math", "verbal", "spatial")) {
      generated += telemetry.counterTotal("questions.generated", Labels.of("type", type));
    }
    assertThat(generated).isEqualTo(5);
    assertThat(telemetry.metric("generation.duration").orElseThrow().unit()).isEqualTo("ms");
    assertThat(telemetry.gaugeValue("questions.stored", Labels.empty())).hasValue(3);
    assertThat(telemetry.counterTotal("pipeline.errors", Labels.of("error_class", "provider_timeout"))).isEqualTo(1);

    assertThat(telemetry.events("pipeline.stage_done")).extracting(e -> e.data().get("stage"))
        .containsExactly("generate", "evaluate", "deduplicate", "store");
    obs.close(Duration.ofSeconds(5));
  }

  private RecordedSpan spanWithIndex(String name, int index) {
    return telemetry.spans(name).stream()
        .filter(s -> Long.valueOf(index).equals(s.attributes().get("question.index")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + name + " with index " + index + " in " + telemetry.spans()));
  }
}
