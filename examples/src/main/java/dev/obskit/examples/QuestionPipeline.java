package dev.obskit.examples;

import dev.obskit.api.Counter;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.Span;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example question-service pipeline, generate -> evaluate -> deduplicate -> store,
 * instrumented through the {@link Observability} facade only: no backend is named here, the
 * routing configuration decides where errors, metrics, spans and events go.
 *
 * <p>The generator and the judge are simulated and deterministic: with the default scenario,
 * item 4's generation times out, item 2's evaluation answer cannot be parsed, and item 5 repeats
 * item 1. Six items give {@code RunSummary[generated=5, evaluated=4, deduplicated=1, stored=3,
 * errors=2]}.
 */
public final class QuestionPipeline {
  /** Items per run in the demo. */
  public static final int DEFAULT_ITEMS = 6;
  static final int TIMEOUT_ITEM = 4;
  static final int GARBLED_ITEM = 2;
  static final int DUPLICATE_ITEM = 5;
  static final int DUPLICATE_OF = 1;

  // Labels are built once: recording through a bound handle then allocates nothing.
  private static final Map<String, Labels> BY_TYPE = typeLabels();
  private static final Labels PROVIDER = Labels.of("provider", MockGenerator.PROVIDER);
  private static final Labels STAGE_EVALUATE = Labels.of("stage", "evaluate");
  private static final Labels STAGE_STORE = Labels.of("stage", "store");
  private static final Labels PROVIDER_TIMEOUT = Labels.of("error_class", "provider_timeout");
  private static final Labels PARSE_ERROR = Labels.of("error_class", "evaluation_parse_error");

  private static final Logger LOG = LoggerFactory.getLogger(QuestionPipeline.class);

  private final Observability obs;
  private final MockGenerator generator;
  private final MockJudge judge;
  private final Map<String, Question> store = new ConcurrentHashMap<>();
  private final Counter questionsGenerated;
  private final Counter pipelineErrors;
  private final Histogram generationDuration;
  private final UpDownCounter queueDepth;
  private final Registration storedGauge;
  private final AtomicInteger errors = new AtomicInteger();

  /** A pipeline reporting to {@code obs}, with simulated components seeded by {@code seed}. */
  public QuestionPipeline(Observability obs, long seed) {
    this.obs = obs;
    this.generator = new MockGenerator(seed, TIMEOUT_ITEM, DUPLICATE_ITEM, DUPLICATE_OF);
    this.judge = new MockJudge(GARBLED_ITEM);
    this.questionsGenerated = obs.counter("questions.generated",
        InstrumentOptions.builder().description("Questions produced by the generator").build());
    this.pipelineErrors = obs.counter("pipeline.errors");
    this.generationDuration = obs.histogram("generation.duration",
        InstrumentOptions.builder().unit("ms").description("Provider latency per question")
            .buckets(1, 2, 5, 10, 20, 50, 100).build());
    this.queueDepth = obs.upDownCounter("pipeline.queue_depth");
    // Read whenever the metric backend collects; lives as long as the SDK instance.
    this.storedGauge = obs.gauge("questions.stored", InstrumentOptions.defaults(), Labels.empty(), store::size);
  }

  /** Runs the pipeline over {@code items} items and reports what happened. */
  public RunSummary run(int items) {
    long startNanos = System.nanoTime();
    errors.set(0);
    obs.setUser(User.id("question-bot"));
    obs.setTag("pipeline", "question-generation");
    int generatedCount;
    int evaluatedCount;
    int deduplicated;
    int stored;
    try (Span run = obs.startSpan("pipeline.run")) {
      run.setAttribute("items", items);
      LOG.info("generating {} questions", items);
      List<Question> generated = generate(items);
      generatedCount = generated.size();
      List<Question> evaluated = evaluate(generated);
      evaluatedCount = evaluated.size();
      List<Question> unique = obs.inSpan("deduplicate", () -> deduplicate(evaluated));
      deduplicated = evaluated.size() - unique.size();
      stored = obs.inSpan("store", () -> store(unique));
      run.setAttribute("stored", stored);
      if (errors.get() > 0) {
        run.setAttribute("errors", errors.get());
      }
    }
    return new RunSummary(generatedCount, evaluatedCount, deduplicated, stored, errors.get(),
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Stops reporting the {@code questions.stored} gauge. */
  public void stopGauges() {
    storedGauge.close();
  }

  private List<Question> generate(int items) {
    List<Question> out = new ArrayList<>();
    try (Span stage = obs.startSpan("generate")) {
      stage.setAttribute("provider", MockGenerator.PROVIDER);
      for (int i = 0; i < items; i++) {
        try (Span span = obs.startSpan("generate.question")) {
          span.setAttribute("question.index", i);
          long t0 = System.nanoTime();
          try {
            simulateLatency(generator.latencyMillis());
            Question q = generator.generate(i);
            span.setAttribute("question.type", q.type());
            questionsGenerated.add(1, BY_TYPE.get(q.type()));
            out.add(q);
          } catch (ProviderTimeoutException e) {
            LOG.warn("question {} timed out at {}", i, MockGenerator.PROVIDER);
            span.recordException(e);
            span.setStatus(SpanStatus.ERROR, "provider timeout");
            reportError(ErrorEvent.builder(e)
                .level(Level.WARNING)
                .context("stage", "generate")
                .context("provider", MockGenerator.PROVIDER)
                .context("question_index", i)
                .context("timeout_ms", 30_000)
                .context("api_key", "sk-demo-0000") // shown to prove scrubbing: printed as [Filtered]
                .tag("error_class", "provider_timeout")
                .fingerprint("generate", "provider_timeout")
                .build(), PROVIDER_TIMEOUT);
          } finally {
            generationDuration.record((System.nanoTime() - t0) / 1_000_000.0, PROVIDER);
          }
        }
      }
      stage.setAttribute("generated", out.size());
    }
    stageDone("generate", out.size());
    return out;
  }

  private List<Question> evaluate(List<Question> questions) {
    List<Question> out = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "judge");
      t.setDaemon(true);
      return t;
    });
    // The wrapped executor carries the current span (and baggage) to the judge threads, so the
    // per-question spans nest under "evaluate" although they run elsewhere.
    ExecutorService judges = obs.wrap(pool);
    try (Span stage = obs.startSpan("evaluate")) {
      stage.setAttribute("judges", 2);
      List<Future<Question>> pending = new ArrayList<>();
      for (Question q : questions) {
        queueDepth.add(1, STAGE_EVALUATE);
        pending.add(judges.submit(() -> evaluateOne(q)));
      }
      for (Future<Question> f : pending) {
        Question scored = await(f);
        if (scored != null) {
          out.add(scored);
        }
      }
      stage.setAttribute("evaluated", out.size());
    } finally {
      pool.shutdown();
      awaitTermination(pool);
    }
    stageDone("evaluate", out.size());
    return out;
  }

  private Question evaluateOne(Question q) {
    try (Span span = obs.startSpan("evaluate.question")) {
      span.setAttribute("question.index", q.index());
      span.setAttribute("question.type", q.type());
      try {
        double score = judge.evaluate(q);
        span.setAttribute("score", score);
        return q.scored(score);
      } catch (EvaluationParseException e) {
        span.recordException(e);
        span.setStatus(SpanStatus.ERROR, "unparsable judge answer");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("stage", "evaluate");
        context.put("question_index", q.index());
        context.put("question_type", q.type());
        reportError(ErrorEvent.builder(e).context(context).tag("error_class", "evaluation_parse_error")
            .fingerprint("evaluate", "parse_error").build(), PARSE_ERROR);
        // Captured above already: the obskit appender's error for this line is the same exception,
        // so it is not sent twice (self-metric errors.deduplicated).
        LOG.error("judge answer for question {} is not a score", q.index(), e);
        return null;
      }
    } finally {
      queueDepth.add(-1, STAGE_EVALUATE);
    }
  }

  private List<Question> deduplicate(List<Question> questions) {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Question> unique = new ArrayList<>();
    for (Question q : questions) {
      if (seen.add(normalize(q.text()))) {
        unique.add(q);
      }
    }
    obs.currentSpan().setAttribute("duplicates", questions.size() - unique.size());
    stageDone("deduplicate", unique.size());
    return unique;
  }

  private int store(List<Question> questions) {
    queueDepth.add(questions.size(), STAGE_STORE);
    for (Question q : questions) {
      store.put(normalize(q.text()), q);
      queueDepth.add(-1, STAGE_STORE);
    }
    obs.currentSpan().setAttribute("stored", questions.size());
    LOG.info("stored {} questions", questions.size());
    stageDone("store", questions.size());
    return questions.size();
  }

  private void reportError(ErrorEvent event, Labels errorClass) {
    errors.incrementAndGet();
    pipelineErrors.add(1, errorClass);
    obs.captureError(event);
  }

  private void stageDone(String stage, int items) {
    obs.recordEvent("pipeline.stage_done", Map.of("stage", stage, "items", items));
  }

  private static String normalize(String text) {
    return text.trim().toLowerCase(Locale.ROOT);
  }

  private static Question await(Future<Question> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException("evaluation failed unexpectedly", e.getCause());
    }
  }

  private static void awaitTermination(ExecutorService pool) {
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stands in for the provider's network round trip; the demo is about the telemetry. */
  private static void simulateLatency(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Labels> typeLabels() {
    Map<String, Labels> m = new LinkedHashMap<>();
    for (String type : MockGenerator.TYPES) {
      m.put(type, Labels.of("type", type));
    }
    return Map.copyOf(m);
  }
}
