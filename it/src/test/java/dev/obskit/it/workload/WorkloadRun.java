package dev.obskit.it.workload;

import java.util.Map;

/**
 * What one run of {@link QuestionWorkload} produced, as the application saw it: the ids the SDK
 * assigned and the values recorded. Integration tests compare what a real peer answers with this.
 *
 * @param runId        random lowercase hex, unique per run; in the error message and a span attribute
 * @param traceId      the trace id of the run's root span
 * @param spanIds      span name to span id, for every span of the trace
 * @param errorSpanId  the span that was current when the error was captured ({@code evaluate})
 * @param errorMessage the captured exception's message (contains {@link #runId})
 * @param secret       the value of the {@code password} context entry, which must never leave
 */
public record WorkloadRun(String runId, String traceId, Map<String, String> spanIds, String errorSpanId,
    String errorMessage, String secret) {

  /** The id of the span named {@code name}. */
  public String spanId(String name) {
    String id = spanIds.get(name);
    if (id == null) {
      throw new IllegalArgumentException("no span named " + name + " in " + spanIds.keySet());
    }
    return id;
  }
}
