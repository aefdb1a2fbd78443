package dev.obskit.it.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.it.readback.ObservedSpan;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that a trace read back from a peer is exactly the trace {@link QuestionWorkload}
 * produced: the same ids, names, parent/child shape, attributes and error status. Shared by the
 * Zipkin and the OTLP (Collector) tests so that both prove the same thing.
 */
public final class WorkloadTraceAssert {
  private WorkloadTraceAssert() {}

  /**
   * @param spans         every span the peer holds for {@code run.traceId()}
   * @param serviceName   the service name the SDK was built with
   * @param expectEvents  whether events were routed to the trace backend (then the stage event is a span event)
   */
  public static void assertWorkloadTrace(List<ObservedSpan> spans, WorkloadRun run, String serviceName,
      boolean expectEvents) {
    String all = spans.stream().map(ObservedSpan::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    assertThat(spans).as("spans of trace %s:%s", run.traceId(), all)
        .extracting(ObservedSpan::name)
        .containsExactlyInAnyOrder(QuestionWorkload.ROOT, QuestionWorkload.GENERATE, QuestionWorkload.EVALUATE,
            QuestionWorkload.DEDUPLICATE, QuestionWorkload.STORE);
    Map<String, ObservedSpan> byName = spans.stream().collect(Collectors.toMap(ObservedSpan::name, Function.identity()));

    for (ObservedSpan span : spans) {
      assertThat(span.traceId()).as("trace id of %s", span).isEqualTo(run.traceId());
      assertThat(span.spanId()).as("span id of %s (as the SDK reported it)", span).isEqualTo(run.spanId(span.name()));
      assertThat(span.serviceName()).as("service of %s", span).isEqualTo(serviceName);
    }

    ObservedSpan root = byName.get(QuestionWorkload.ROOT);
    assertThat(root.isRoot()).as("root has no parent: %s", root).isTrue();
    for (String child : QuestionWorkload.CHILDREN) {
      assertThat(byName.get(child).parentId()).as("parent of %s:%s", child, all).isEqualTo(root.spanId());
    }

    assertThat(root.attributes()).as("root attributes").containsEntry("run.id", run.runId()).containsEntry("items", "3");
    assertThat(byName.get(QuestionWorkload.GENERATE).attributes()).as("generate attributes")
        .containsEntry("difficulty", "hard").containsEntry("item.count", "3")
        .containsEntry("temperature", "0.25").containsEntry("cached", "false");
    assertThat(byName.get(QuestionWorkload.EVALUATE).attributes()).as("evaluate attributes")
        .containsEntry("judge", "strict");
    assertThat(byName.get(QuestionWorkload.DEDUPLICATE).attributes()).as("deduplicate attributes")
        .containsEntry("duplicates", "1");
    assertThat(byName.get(QuestionWorkload.STORE).attributes()).as("store attributes")
        .containsEntry("stored", "2");

    ObservedSpan evaluate = byName.get(QuestionWorkload.EVALUATE);
    assertThat(evaluate.error()).as("evaluate threw inside inSpan, so its status is ERROR: %s", evaluate).isTrue();
    assertThat(evaluate.statusMessage() + " " + String.join(" ", evaluate.events()))
        .as("the exception is on the evaluate span (ERROR description or exception event): %s", evaluate)
        .contains(run.errorMessage());
    for (String ok : List.of(QuestionWorkload.ROOT, QuestionWorkload.GENERATE, QuestionWorkload.DEDUPLICATE,
        QuestionWorkload.STORE)) {
      assertThat(byName.get(ok).error()).as("%s did not fail: %s", ok, byName.get(ok)).isFalse();
    }
    if (expectEvents) {
      assertThat(byName.get(QuestionWorkload.GENERATE).events()).as("events on generate")
          .anyMatch(e -> e.contains(QuestionWorkload.STAGE_DONE_EVENT));
    }
  }
}
