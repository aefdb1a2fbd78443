package dev.obskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's two ways to start: the bundled console configuration, and {@code --config}. */
class QuestionPipelineDemoTest {

  @Test
  void bundledConfigurationPrintsTreesTheMetricTableAndErrorsWithTheirTraceId() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RunSummary summary;
    // The console backend picks System.err when it is created, so swap it around open().
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Observability obs = QuestionPipelineDemo.open(null);
      summary = new QuestionPipeline(obs, 42).run(QuestionPipeline.DEFAULT_ITEMS);
      assertThat(obs.close(Duration.ofSeconds(5))).isTrue();
    } finally {
      System.setErr(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);

    assertThat(summary.stored()).isEqualTo(3);
    Matcher tree = Pattern.compile("TRACE ([0-9a-f]{32})  pipeline\\.run  [0-9.]+ ms  16 spans  ERROR").matcher(out);
    assertThat(tree.find()).as("a trace tree for pipeline.run in:%n%s", out).isTrue();
    String traceId = tree.group(1);
    assertThat(out).contains("|-- generate  ").contains("|-- evaluate  ").contains("|-- deduplicate  ")
        .contains("`-- store  ")
        .containsPattern("\\|   [|`]-- generate\\.question  [0-9.]+ ms  ERROR: provider timeout")
        .containsPattern("\\|   [|`]-- evaluate\\.question  [0-9.]+ ms  ERROR: unparsable judge answer");
    assertThat(out).contains("ProviderTimeoutException: provider 'mock-llm' did not answer within 30000 ms")
        .contains("EvaluationParseException: judge answer is not a score");
    assertThat(Pattern.compile("  trace    " + traceId + "  span [0-9a-f]{16}").matcher(out).results().count())
        .as("both errors carry the run's trace id").isEqualTo(2);
    assertThat(out).contains("api_key=[Filtered]").doesNotContain("sk-demo-0000");
    assertThat(out).contains("METRICS question-service (totals since start)")
        .containsPattern("questions\\.generated +counter +type=math +- +2")
        .containsPattern("questions\\.stored +gauge +- +- +3")
        .containsPattern("generation\\.duration +histogram +provider=mock-llm +ms +count=6 ");
    assertThat(out).containsPattern("EVENT   pipeline\\.stage_done \\{.*stage=store.*}  trace=" + traceId);
    // Logback's console lines carry the span ids (logback.xml); the logged parse error is the
    // exception captured already, so the two error blocks above stay two.
    assertThat(out).containsPattern("INFO  QuestionPipeline trace_id=" + traceId + " span_id=[0-9a-f]{16} generating 6 questions")
        .containsPattern("ERROR QuestionPipeline trace_id=" + traceId + " span_id=[0-9a-f]{16} judge answer for question 2")
        .containsPattern("INFO  QuestionPipeline trace_id=" + traceId + " span_id=[0-9a-f]{16} stored 3 questions");
    assertThat(out).doesNotContain("\u001b[");
  }

  @Test
  void configFileRoutesTheSamePipelineElsewhere(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("observability.yaml");
    Files.writeString(config, "service:\n  name: question-service\nrouting:\n  errors: memory\n  metrics: memory\n"
        + "  traces: memory\n  events: memory\n");
    Observability obs = QuestionPipelineDemo.open(config);
    TestTelemetry telemetry = MemoryBackendProvider.lastCreatedTelemetry();
    RunSummary summary = new QuestionPipeline(obs, 42).run(QuestionPipeline.DEFAULT_ITEMS);
    obs.close(Duration.ofSeconds(5));

    assertThat(summary).extracting(RunSummary::generated, RunSummary::evaluated, RunSummary::deduplicated,
        RunSummary::stored, RunSummary::errors).containsExactly(5, 4, 1, 3, 2);
    assertThat(telemetry.errors()).hasSize(2);
    assertThat(telemetry.spans("pipeline.run")).hasSize(1);
  }
}
