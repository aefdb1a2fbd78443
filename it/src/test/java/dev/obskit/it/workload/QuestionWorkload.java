package dev.obskit.it.workload;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.Span;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small, deterministic question pipeline instrumented only through the facade, modelled on the
 * example question-service. Every value it records is a constant below, so a test can check that
 * a real peer holds exactly these values.
 *
 * <pre>
 * user user-42 (with an email), tag region=eu
 * pipeline.run                    root; run.id, items
 *   ├─ generate                   difficulty=hard, item.count=3, temperature=0.25, cached=false;
 *   │                             event pipeline.stage_done
 *   ├─ evaluate                   judge=strict; throws: status ERROR, error captured here
 *   ├─ deduplicate                duplicates=1
 *   └─ store                      stored=2
 * </pre>
 */
public final class QuestionWorkload {
  // ---------------------------------------------------------------- span names
  public static final String ROOT = "pipeline.run";
  public static final String GENERATE = "generate";
  public static final String EVALUATE = "evaluate";
  public static final String DEDUPLICATE = "deduplicate";
  public static final String STORE = "store";
  public static final List<String> CHILDREN = List.of(GENERATE, EVALUATE, DEDUPLICATE, STORE);
  public static final String STAGE_DONE_EVENT = "pipeline.stage_done";

  // ---------------------------------------------------------------- metrics and expected values
  public static final String QUESTIONS_GENERATED = "questions.generated";
  public static final Labels MATH = Labels.of("type", "math");
  public static final Labels TEXT = Labels.of("type", "text");
  public static final double GENERATED_MATH = 3;
  public static final double GENERATED_TEXT = 1;

  public static final String GENERATION_DURATION = "generation.duration";
  public static final String GENERATION_DURATION_UNIT = "ms";
  public static final double[] DURATION_BUCKETS = {10, 50, 100};
  public static final double[] DURATIONS_MS = {5, 20, 70};
  /** Cumulative counts per bucket upper bound for {@link #DURATIONS_MS}: le=10 -> 1, le=50 -> 2, le=100 -> 3. */
  public static final long[] DURATION_CUMULATIVE = {1, 2, 3};
  public static final double DURATION_SUM = 95;

  public static final String QUEUE_DEPTH = "queue.depth";
  public static final Labels MAIN_QUEUE = Labels.of("queue", "main");
  public static final double QUEUE_DEPTH_LAST = 7;

  public static final String IN_FLIGHT = "items.in_flight";
  public static final double IN_FLIGHT_VALUE = 2;

  public static final String POOL_SIZE = "judge.pool.size";
  public static final Labels JUDGE_POOL = Labels.of("pool", "judge");
  public static final double POOL_SIZE_VALUE = 4;

  // ---------------------------------------------------------------- error context
  public static final String CONTEXT_PROVIDER = "openai";
  public static final String CONTEXT_QUESTION = "q-2";
  public static final String USER_ID = "user-42";
  /** Personal data: sent only with send_default_pii, which is off by default. */
  public static final String USER_EMAIL = "ada@example.com";
  public static final String REGION_TAG = "region";
  public static final String REGION = "eu";

  private QuestionWorkload() {}

  /**
   * Runs the pipeline once on {@code obs}. Leaves a callback gauge registered on {@code obs} (it
   * is reported until the SDK closes). Does not flush.
   */
  public static WorkloadRun run(Observability obs) {
    String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    String secret = "hunter2-" + runId;
    String errorMessage = "judge rejected question " + CONTEXT_QUESTION + " in run " + runId;

    Counter generated = obs.counter(QUESTIONS_GENERATED,
        InstrumentOptions.builder().description("questions generated, by type").build());
    Histogram duration = obs.histogram(GENERATION_DURATION, InstrumentOptions.builder()
        .unit(GENERATION_DURATION_UNIT).buckets(DURATION_BUCKETS).description("time to generate one question").build());
    Gauge queueDepth = obs.gauge(QUEUE_DEPTH);
    UpDownCounter inFlight = obs.upDownCounter(IN_FLIGHT);
    @SuppressWarnings("unused")
    Registration pool = obs.gauge(POOL_SIZE, InstrumentOptions.defaults(), JUDGE_POOL, () -> POOL_SIZE_VALUE);

    obs.setUser(User.builder().id(USER_ID).email(USER_EMAIL).build());
    obs.setTag(REGION_TAG, REGION);

    Map<String, String> spanIds = new LinkedHashMap<>();
    String traceId;
    String[] errorSpanId = new String[1];
    try (Span root = obs.spanBuilder(ROOT).noParent().attribute("run.id", runId).attribute("items", 3L).start()) {
      traceId = root.context().traceId();
      spanIds.put(ROOT, root.context().spanId());

      try (Span span = obs.startSpan(GENERATE)) {
        spanIds.put(GENERATE, span.context().spanId());
        span.setAttribute("difficulty", "hard");
        span.setAttribute("item.count", 3L);
        span.setAttribute("temperature", 0.25);
        span.setAttribute("cached", false);
        inFlight.add(3);
        generated.add(2, MATH);
        generated.add(1, TEXT);
        generated.add(1, MATH);
        for (double ms : DURATIONS_MS) {
          duration.record(ms, MATH);
        }
        queueDepth.set(4, MAIN_QUEUE);
        queueDepth.set(QUEUE_DEPTH_LAST, MAIN_QUEUE);
        obs.recordEvent(STAGE_DONE_EVENT, Map.of("stage", GENERATE));
      }

      try {
        obs.inSpan(EVALUATE, () -> {
          Span span = obs.currentSpan();
          spanIds.put(EVALUATE, span.context().spanId());
          errorSpanId[0] = span.context().spanId();
          span.setAttribute("judge", "strict");
          try {
            return judge(errorMessage);
          } catch (EvaluationException e) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("provider", CONTEXT_PROVIDER);
            context.put("question_id", CONTEXT_QUESTION);
            context.put("password", secret);
            obs.captureError(e, context);
            throw e;
          }
        });
      } catch (EvaluationException expected) {
        // inSpan recorded it on the span and set ERROR; the pipeline goes on.
        inFlight.add(-1);
      }

      obs.inSpan(DEDUPLICATE, () -> {
        Span span = obs.currentSpan();
        spanIds.put(DEDUPLICATE, span.context().spanId());
        span.setAttribute("duplicates", 1L);
      });

      try (Span span = obs.startSpan(STORE)) {
        spanIds.put(STORE, span.context().spanId());
        span.setAttribute("stored", 2L);
        span.setStatus(SpanStatus.OK);
      }
    }
    return new WorkloadRun(runId, traceId, Map.copyOf(spanIds), errorSpanId[0], errorMessage, secret);
  }

  /** The evaluation stage: always rejects, so that the run has exactly one error. */
  private static boolean judge(String message) {
    throw new EvaluationException(message);
  }
}
