package dev.obskit.testkit;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.MetricType;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanStart;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Passing and failing cases of every assertion; failures must say what was recorded. */
class ObservabilityAssertionsTest {
  private static final Labels MATH = Labels.of("type", "math");
  private static final Labels CODE = Labels.of("type", "code");

  private final TestTelemetry telemetry = new TestTelemetry();
  private final FakeBackendContext context = new FakeBackendContext(true);
  private final Backend backend = new MemoryBackendProvider(telemetry).create(context);

  private SpanHandle start(String name, SpanHandle parent) {
    SpanStart.Builder b = SpanStart.builder(name);
    if (parent != null) {
      b.parent(parent.context());
    }
    return backend.sinks().traces().orElseThrow().start(b.build());
  }

  private MetricInstrument instrument(String name, MetricType type) {
    return backend.sinks().metrics().orElseThrow().instrument(InstrumentDescriptor.of(name, type, InstrumentOptions.unit("1")));
  }

  private void capture(Throwable error, SpanHandle current, String key, String value) {
    ErrorEvent.Builder b = ErrorEvent.builder(error).context(key, value).tag("stage", "generate");
    if (current != null) {
      b.spanContext(current.context());
    }
    backend.sinks().errors().orElseThrow().capture(b.build());
  }

  @Nested
  class Logs {
    @Test
    void findsALogByMessageLevelLoggerAttributeThrowableAndTraceId() {
      SpanHandle store = start("store", null);
      backend.sinks().logs().orElseThrow().emit(LogRecord.builder(LogLevel.ERROR, "store failed").loggerName("app.Store")
          .attribute("question_id", "q-1").throwable(new IllegalStateException("disk"))
          .spanContext(store.context()).epochMillis(1).build());
      backend.sinks().logs().orElseThrow().emit(LogRecord.builder(LogLevel.INFO, "idle").epochMillis(2).build());
      store.end(3);

      assertThat(telemetry).hasLogCount(2)
          .hasLog("store failed").withLevel(LogLevel.ERROR).withLogger("app.Store")
          .withAttribute("question_id", "q-1").withoutAttribute("other").withThrowable(IllegalStateException.class)
          .withTraceId(store.context().traceId()).inSpanNamed("store")
          .and().hasLogContaining("idl").outsideAnySpan();
      org.assertj.core.api.Assertions.assertThat(telemetry.logs(LogLevel.INFO)).extracting(LogRecord::message)
          .containsExactly("idle");
    }

    @Test
    void failuresListTheRecordedLogs() {
      backend.sinks().logs().orElseThrow().emit(LogRecord.builder(LogLevel.INFO, "idle").attribute("k", "v").epochMillis(2).build());
      assertThatThrownBy(() -> assertThat(telemetry).hasLog("idle").withLevel(LogLevel.WARN))
          .hasMessageContaining("expected a log record \"idle\" with level WARN")
          .hasMessageContaining("INFO idle {k=v}");
      assertThatThrownBy(() -> assertThat(telemetry).hasNoLogs())
          .hasMessageContaining("expected 0 log records but 1 were recorded");
      assertThatThrownBy(() -> assertThat(telemetry).hasLog("busy"))
          .hasMessageContaining("but recorded log records were:\n  - INFO idle");
    }
  }

  @Nested
  class Errors {
    @Test
    void findsAnErrorByTypeMessageContextTagAndSpan() {
      SpanHandle generate = start("generate", null);
      capture(new IllegalStateException("model x timed out"), generate, "provider", "openai");
      generate.end(1);
      RecordedSpan span = telemetry.span("generate").orElseThrow();

      assertThat(telemetry).hasError(IllegalStateException.class)
          .withMessageContaining("x").withContext("provider", "openai").withTag("stage", "generate")
          .withLevel(Level.ERROR).withTraceIdOf(span).inSpanNamed("generate").inSpan(span);
      assertThat(telemetry).hasError(RuntimeException.class).withMessage("model x timed out");
      assertThat(telemetry).hasErrorMatching(e -> e.context().containsKey("provider")).withTraceIdOf(generate.context());
      assertThat(telemetry).hasErrorCount(1);
    }

    @Test
    void failureNamesTheCriterionAndListsRecordedErrors() {
      capture(new IllegalStateException("boom"), null, "provider", "anthropic");

      assertThatThrownBy(() -> assertThat(telemetry).hasError(IllegalStateException.class)
          .withMessageContaining("boom").withContext("provider", "openai"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("expected an error of type java.lang.IllegalStateException with message containing \"boom\""
              + " with context provider=openai")
          .hasMessageContaining("(1 matched with message containing \"boom\", but none with context provider=openai)")
          .hasMessageContaining("but recorded errors were:\n  - java.lang.IllegalStateException: boom [level ERROR, "
              + "context {provider=anthropic}, tags {stage=generate}, no span]");
    }

    @Test
    void failureWhenNoErrorOfTheTypeWasCaptured() {
      assertThatThrownBy(() -> assertThat(telemetry).hasError(IllegalArgumentException.class))
          .hasMessageContaining("expected an error of type java.lang.IllegalArgumentException")
          .hasMessageContaining("but recorded errors were: none");
    }

    @Test
    void inSpanNamedFailsForAnErrorOutsideThatSpan() {
      SpanHandle other = start("evaluate", null);
      capture(new IllegalStateException("boom"), other, "k", "v");
      other.end(1);
      assertThatThrownBy(() -> assertThat(telemetry).hasError(IllegalStateException.class).inSpanNamed("generate"))
          .hasMessageContaining("none captured in a span named 'generate'")
          .hasMessageContaining("recorded spans: evaluate");
      assertThatThrownBy(() -> assertThat(telemetry).hasError(IllegalStateException.class).outsideAnySpan())
          .hasMessageContaining("none captured outside any span");
    }

    @Test
    void hasNoErrorsListsWhatWasCaptured() {
      assertThat(telemetry).hasNoErrors();
      backend.sinks().errors().orElseThrow().capture(ErrorEvent.message("disk almost full").level(Level.WARNING).build());
      assertThatThrownBy(() -> assertThat(telemetry).hasNoErrors())
          .hasMessageContaining("expected no errors but 1 was recorded:\n  - message: disk almost full [level WARNING");
      assertThat(telemetry).hasMessage("disk almost full").withLevel(Level.WARNING).outsideAnySpan();
      assertThatThrownBy(() -> assertThat(telemetry).hasErrorCount(2)).hasMessageContaining("expected 2 errors but 1");
    }
  }

  @Nested
  class Metrics {
    @Test
    void counterTotalsPerLabelsAndOverall() {
      MetricInstrument c = instrument("questions.generated", MetricType.COUNTER);
      c.record(1, MATH);
      c.record(2, MATH);
      c.record(2, CODE);

      assertThat(telemetry).hasCounter("questions.generated").withLabels(MATH).withTotal(3)
          .and().hasCounter("questions.generated").withLabels("type", "code").withTotal(2)
          .and().hasCounter("questions.generated").withTotal(5).withUnit("1");
    }

    @Test
    void missingLabelsListRecordedCounters() {
      instrument("questions.generated", MetricType.COUNTER).record(2, CODE);
      instrument("questions.failed", MetricType.COUNTER).record(1, Labels.empty());

      assertThatThrownBy(() -> assertThat(telemetry).hasCounter("questions.generated").withLabels(MATH))
          .hasMessage("expected a counter 'questions.generated' with labels {type=math} but recorded counters were: "
              + "questions.generated{type=code}=2, questions.failed{}=1");
    }

    @Test
    void wrongTotalSaysTheActualTotal() {
      instrument("questions.generated", MetricType.COUNTER).record(2, MATH);
      assertThatThrownBy(() -> assertThat(telemetry).hasCounter("questions.generated").withLabels(MATH).withTotal(3))
          .hasMessageStartingWith("expected counter 'questions.generated' with labels {type=math} to have total 3 but it was 2;");
    }

    @Test
    void missingCounterMentionsTheOtherType() {
      instrument("latency", MetricType.HISTOGRAM).record(5, Labels.empty());
      assertThatThrownBy(() -> assertThat(telemetry).hasCounter("latency"))
          .hasMessageContaining("expected a counter 'latency' but recorded counters were: none")
          .hasMessageContaining("('latency' was recorded as histogram)");
    }

    @Test
    void histogramCountSumAndValues() {
      MetricInstrument h = instrument("latency", MetricType.HISTOGRAM);
      h.record(10, MATH);
      h.record(32.5, MATH);
      h.record(7, CODE);

      assertThat(telemetry).hasHistogram("latency").withLabels(MATH).withCount(2).withSum(42.5).withValues(10, 32.5);
      assertThat(telemetry).hasHistogram("latency").withCount(3);
      assertThatThrownBy(() -> assertThat(telemetry).hasHistogram("latency").withLabels(MATH).withCount(3))
          .hasMessageContaining("to have count 3 but it was 2; recorded histograms were: "
              + "latency{type=math}=count 2, sum 42.5, latency{type=code}=count 1, sum 7");
    }

    @Test
    void gaugeValueFromPointsAndCallbacks() {
      MetricInstrument g = instrument("pool.size", MetricType.GAUGE);
      g.record(3, Labels.empty());
      g.record(4, Labels.empty());
      backend.sinks().metrics().orElseThrow().callbackGauge(InstrumentDescriptor.of("queue.depth", MetricType.GAUGE,
          InstrumentOptions.defaults()), CODE, () -> 12);

      assertThat(telemetry).hasGauge("pool.size").withValue(4)
          .and().hasGauge("queue.depth").withLabels(CODE).withValue(12);
      assertThatThrownBy(() -> assertThat(telemetry).hasGauge("pool.size").withValue(3))
          .hasMessageContaining("to have value 3 but it was 4; recorded gauges were: pool.size{}=4, queue.depth{type=code}=12 (callback)");
    }

    @Test
    void upDownCounterAndNoPoints() {
      MetricInstrument u = instrument("inflight", MetricType.UP_DOWN_COUNTER);
      u.record(2, Labels.empty());
      u.record(-2, Labels.empty());
      instrument("never", MetricType.COUNTER);

      assertThat(telemetry).hasUpDownCounter("inflight").withTotal(0).and().hasNoMetricPoints("never");
      assertThatThrownBy(() -> assertThat(telemetry).hasNoMetricPoints("inflight"))
          .hasMessageContaining("expected no points for metric 'inflight' but recorded:\n  - inflight{}=0");
      assertThatThrownBy(() -> assertThat(telemetry).hasUpDownCounter("never"))
          .hasMessageContaining("expected an up-down counter 'never' but recorded up-down counters were: inflight{}=0");
    }
  }

  @Nested
  class Traces {
    @Test
    void spanAttributesStatusAndParent() {
      SpanHandle pipeline = start("pipeline", null);
      SpanHandle generate = start("generate", pipeline);
      generate.setAttribute("k", "v");
      generate.setAttribute("tokens", 42L);
      generate.recordException(new IllegalStateException("x"), 1);
      generate.setStatus(SpanStatus.ERROR, "x");
      generate.end(2);
      pipeline.end(3);

      assertThat(telemetry).hasSpan("generate").withAttribute("k", "v").withAttribute("tokens", 42)
          .withStatus(SpanStatus.ERROR).hasParent("pipeline").withEvent("exception")
          .withException(IllegalStateException.class)
          .and().hasSpan("pipeline").isRoot().withStatus(SpanStatus.UNSET)
          .and().hasSpanCount("generate", 1).hasNoOpenSpans().hasNoSpan("judge");
    }

    @Test
    void spanFailureListsSpansAndTrees() {
      SpanHandle pipeline = start("pipeline", null);
      SpanHandle generate = start("generate", pipeline);
      generate.setAttribute("k", "other");
      generate.end(2);
      pipeline.end(3);

      assertThatThrownBy(() -> assertThat(telemetry).hasSpan("generate").withAttribute("k", "v"))
          .hasMessageContaining("expected a finished span 'generate' with attribute k=v")
          .hasMessageContaining("(1 was found, but none with attribute k=v)")
          .hasMessageContaining("'generate' {k=other}")
          .hasMessageContaining("recorded trace trees:\n  pipeline > [generate]");
      assertThatThrownBy(() -> assertThat(telemetry).hasSpan("generate").hasParent("evaluate"))
          .hasMessageContaining("none with parent 'evaluate'");
    }

    @Test
    void openSpansAreNotFinishedAndAreReportedAsLeaks() {
      start("leaked", null);
      assertThatThrownBy(() -> assertThat(telemetry).hasSpan("leaked"))
          .hasMessageContaining("expected a finished span 'leaked'")
          .hasMessageContaining("recorded trace trees:\n  leaked (open)");
      assertThatThrownBy(() -> assertThat(telemetry).hasNoOpenSpans())
          .hasMessageContaining("expected every span to be ended but 1 still open");
    }

    @Test
    void traceTreeMatchesInAnyChildOrder() {
      SpanHandle pipeline = start("pipeline", null);
      SpanHandle generate = start("generate", pipeline);
      SpanHandle evaluate = start("evaluate", pipeline);
      SpanHandle judge = start("judge", evaluate);
      judge.end(1);
      evaluate.end(2);
      generate.end(3);
      pipeline.end(4);
      start("other", null).end(5);

      assertThat(telemetry)
          .hasTraceTree("pipeline > [generate, evaluate > [judge]]")
          .hasTraceTree("pipeline > [evaluate > judge, generate]")
          .hasTraceTree("other");
    }

    @Test
    void traceTreeFailureShowsTheRecordedShape() {
      SpanHandle pipeline = start("pipeline", null);
      start("generate", pipeline).end(1);
      start("evaluate", pipeline).end(2);
      pipeline.end(3);

      assertThatThrownBy(() -> assertThat(telemetry).hasTraceTree("pipeline > [generate, evaluate > [judge]]"))
          .hasMessage("expected a trace tree pipeline > [generate, evaluate > [judge]]\n"
              + "but recorded trace trees were:\n  - pipeline > [generate, evaluate]");
      assertThatThrownBy(() -> assertThat(telemetry).hasTraceTree("pipeline > [generate"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad trace shape");
    }
  }

  @Nested
  class Events {
    @Test
    void eventDataAndSpan() {
      SpanHandle dedup = start("dedup", null);
      backend.sinks().events().orElseThrow().recordEvent("pipeline.stage_done", Map.of("stage", "dedup", "count", 3), dedup.context(), 1);
      dedup.end(2);

      assertThat(telemetry).hasEvent("pipeline.stage_done").withData("stage", "dedup").withData("count", 3L)
          .inSpanNamed("dedup").and().hasNoEvent("pipeline.failed");
    }

    @Test
    void eventFailureListsRecordedEvents() {
      backend.sinks().events().orElseThrow().recordEvent("pipeline.stage_done", Map.of("stage", "generate"), SpanContext.invalid(), 1);
      assertThatThrownBy(() -> assertThat(telemetry).hasEvent("pipeline.stage_done").withData("stage", "dedup"))
          .hasMessageContaining("expected an event 'pipeline.stage_done' with data stage=dedup")
          .hasMessageContaining("but recorded events were:\n  - pipeline.stage_done{stage=generate}");
      assertThatThrownBy(() -> assertThat(telemetry).hasNoEvent("pipeline.stage_done"))
          .hasMessageContaining("expected no event 'pipeline.stage_done' but recorded:");
    }
  }

  @Nested
  class Health {
    @Test
    void droppedTelemetryIsListed() {
      assertThat(telemetry).hasNoDroppedTelemetry();
      context.counters().add("dropped.invalid_name", 2);
      context.counters().add("sink_failures.otel.metrics", 1);
      context.counters().add("otel.exports", 7);

      assertThatThrownBy(() -> assertThat(telemetry).hasNoDroppedTelemetry())
          .hasMessage("expected no dropped telemetry but self-metrics show:\n"
              + "  - dropped.invalid_name=2\n  - sink_failures.otel.metrics=1");
      assertThat(telemetry).hasSelfMetric("otel.exports", 7);
      assertThatThrownBy(() -> assertThat(telemetry).hasSelfMetric("otel.exports", 8))
          .hasMessageContaining("expected self-metric otel.exports=8 but it was 7");
    }

    @Test
    void descriptionFromAsIsKept() {
      assertThatThrownBy(() -> assertThat(telemetry).as("after the pipeline ran").hasSpan("pipeline"))
          .hasMessageStartingWith("[after the pipeline ran] expected a finished span 'pipeline'");
      assertThatCode(() -> assertThat(telemetry).hasNoErrors().hasNoOpenSpans()).doesNotThrowAnyException();
    }
  }
}
