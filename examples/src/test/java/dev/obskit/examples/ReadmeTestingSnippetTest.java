package dev.obskit.examples;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;

import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.testkit.ObservabilityExtension;
import dev.obskit.testkit.TestTelemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's "Testing your telemetry" snippet, as written there: it compiles and passes. */
@ExtendWith(ObservabilityExtension.class)
class ReadmeTestingSnippetTest {
  @Test
  void reportsFailures(Observability obs, TestTelemetry telemetry) {
    new QuestionPipeline(obs, 42).run(6);

    assertThat(telemetry)
        .hasCounter("questions.generated").withLabels(Labels.of("type", "math")).withTotal(2)
        .and().hasSpan("generate.question").hasParent("generate")
        .and().hasError(ProviderTimeoutException.class).withContext("provider", "mock-llm")
            .inSpanNamed("generate.question")
        .and().hasNoDroppedTelemetry();
  }
}
