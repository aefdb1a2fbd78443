package dev.obskit.testkit;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.LogRecord;
import dev.obskit.api.MetricType;
import dev.obskit.testkit.internal.TraceTree;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.description.Description;

/**
 * Assertions over everything a {@link TestTelemetry} recorded, across signals. Each {@code
 * hasX} that finds one item returns a narrower assertion whose {@code and()} comes back here.
 * Failure messages say what was expected and list what <em>was</em> recorded.
 *
 * <pre>{@code
 * assertThat(telemetry)
 *     .hasError(IllegalStateException.class).withContext("provider", "openai").inSpanNamed("generate")
 *     .and().hasCounter("questions.generated").withLabels("type", "math").withTotal(3)
 *     .and().hasTraceTree("pipeline > [generate, evaluate > [judge]]")
 *     .hasNoDroppedTelemetry();
 * }</pre>
 */
public final class TelemetryAssert extends AbstractAssert<TelemetryAssert, TestTelemetry> {

  TelemetryAssert(TestTelemetry telemetry) {
    super(telemetry, TelemetryAssert.class);
  }

  TestTelemetry telemetry() {
    return actual;
  }

  /** The description set with {@code as(..)}, handed on to the narrower assertions. */
  Description description() {
    return info.description();
  }

  // ------------------------------------------------------------------ errors

  /** No error or message was captured. */
  public TelemetryAssert hasNoErrors() {
    isNotNull();
    List<ErrorEvent> errors = actual.errors();
    if (!errors.isEmpty()) {
      failWithMessage("%s", "expected no errors but " + errors.size() + " " + (errors.size() == 1 ? "was" : "were")
          + " recorded:" + list(errors));
    }
    return this;
  }

  /** Exactly {@code count} errors (and messages) were captured. */
  public TelemetryAssert hasErrorCount(int count) {
    isNotNull();
    List<ErrorEvent> errors = actual.errors();
    if (errors.size() != count) {
      failWithMessage("%s", "expected " + count + " errors but " + errors.size() + " were recorded:" + list(errors));
    }
    return this;
  }

  /** An error of type {@code type} (or a subtype) was captured; narrow it further on the result. */
  public ErrorAssert hasError(Class<? extends Throwable> type) {
    isNotNull();
    List<ErrorEvent> errors = actual.errors();
    return new ErrorAssert(this, "an error of type " + type.getName(), errors,
        errors.stream().filter(e -> type.isInstance(e.error())).toList());
  }

  /** A message (an error without exception) {@code message} was captured. */
  public ErrorAssert hasMessage(String message) {
    isNotNull();
    List<ErrorEvent> errors = actual.errors();
    return new ErrorAssert(this, "a captured message \"" + message + "\"", errors,
        errors.stream().filter(e -> e.error() == null && message.equals(e.message())).toList());
  }

  /** Some captured error satisfies {@code condition}. */
  public ErrorAssert hasErrorMatching(Predicate<ErrorEvent> condition) {
    return hasErrorMatching(condition, "the given predicate");
  }

  /** Some captured error satisfies {@code condition}, described as {@code description} in failures. */
  public ErrorAssert hasErrorMatching(Predicate<ErrorEvent> condition, String description) {
    isNotNull();
    List<ErrorEvent> errors = actual.errors();
    return new ErrorAssert(this, "an error matching " + description, errors, errors.stream().filter(condition).toList());
  }

  // ------------------------------------------------------------------ metrics

  /** A counter named {@code name} was created. */
  public MetricAssert hasCounter(String name) {
    return metric(name, MetricType.COUNTER);
  }

  /** An up-down counter named {@code name} was created. */
  public MetricAssert hasUpDownCounter(String name) {
    return metric(name, MetricType.UP_DOWN_COUNTER);
  }

  /** A histogram named {@code name} was created. */
  public MetricAssert hasHistogram(String name) {
    return metric(name, MetricType.HISTOGRAM);
  }

  /** A gauge (synchronous or callback) named {@code name} was created. */
  public MetricAssert hasGauge(String name) {
    return metric(name, MetricType.GAUGE);
  }

  /** An instrument of any type named {@code name} was created. */
  public MetricAssert hasMetric(String name) {
    return metric(name, null);
  }

  /** No instrument named {@code name} received a point. */
  public TelemetryAssert hasNoMetricPoints(String name) {
    isNotNull();
    List<RecordedMetric> recorded = actual.metrics(name).stream()
        .filter(m -> !m.points().isEmpty() || !m.callbackValues().isEmpty()).toList();
    if (!recorded.isEmpty()) {
      StringBuilder sb = new StringBuilder("expected no points for metric '" + name + "' but recorded:");
      recorded.forEach(m -> m.summaryLines().forEach(l -> sb.append("\n  - ").append(l)));
      failWithMessage("%s", sb.toString());
    }
    return this;
  }

  private MetricAssert metric(String name, MetricType type) {
    isNotNull();
    return new MetricAssert(this, name, type);
  }

  // ------------------------------------------------------------------ traces

  /** A finished span named {@code name} was recorded; narrow it further on the result. */
  public SpanAssert hasSpan(String name) {
    isNotNull();
    return new SpanAssert(this, name, actual.spans());
  }

  /** Exactly {@code count} finished spans are named {@code name}. */
  public TelemetryAssert hasSpanCount(String name, int count) {
    isNotNull();
    int found = actual.spans(name).size();
    if (found != count) {
      failWithMessage("%s", "expected " + count + " finished spans '" + name + "' but found " + found
          + "; recorded trace trees:" + trees());
    }
    return this;
  }

  /** No finished or open span is named {@code name}. */
  public TelemetryAssert hasNoSpan(String name) {
    isNotNull();
    if (actual.allSpans().stream().anyMatch(s -> s.name().equals(name))) {
      failWithMessage("%s", "expected no span '" + name + "' but recorded trace trees were:" + trees());
    }
    return this;
  }

  /** Every started span has ended (none leaked). */
  public TelemetryAssert hasNoOpenSpans() {
    isNotNull();
    List<RecordedSpan> open = actual.openSpans();
    if (!open.isEmpty()) {
      failWithMessage("%s", "expected every span to be ended but " + open.size() + " still open:" + list(open)
          + "\nrecorded trace trees:" + trees());
    }
    return this;
  }

  /**
   * Some recorded trace has exactly the shape {@code shape}, written as {@code pipeline >
   * [generate, evaluate > [judge]]}: a span name, then {@code >} and its children (in brackets
   * when more than one). Children match in any order; every recorded child must be expected.
   */
  public TelemetryAssert hasTraceTree(String shape) {
    isNotNull();
    TraceTree expected = TraceTree.parse(shape);
    List<TraceTree> trees = TraceTree.of(actual.allSpans());
    if (trees.stream().noneMatch(t -> t.matches(expected))) {
      failWithMessage("%s", "expected a trace tree " + expected.render() + "\nbut recorded trace trees were:" + trees());
    }
    return this;
  }

  private String trees() {
    List<String> trees = actual.traceTrees();
    return trees.isEmpty() ? " none" : list(trees);
  }

  // ------------------------------------------------------------------ events

  /** An event named {@code name} was recorded; narrow it further on the result. */
  public EventAssert hasEvent(String name) {
    isNotNull();
    return new EventAssert(this, name, actual.events());
  }

  /** No event named {@code name} was recorded. */
  public TelemetryAssert hasNoEvent(String name) {
    isNotNull();
    List<RecordedEvent> found = actual.events(name);
    if (!found.isEmpty()) {
      failWithMessage("%s", "expected no event '" + name + "' but recorded:" + list(found));
    }
    return this;
  }

  // ------------------------------------------------------------------ logs

  /** A log record with exactly the message {@code message} was recorded; narrow it on the result. */
  public LogAssert hasLog(String message) {
    isNotNull();
    List<LogRecord> logs = actual.logs();
    return new LogAssert(this, "a log record \"" + message + "\"", logs,
        logs.stream().filter(r -> r.message().equals(message)).toList());
  }

  /** A log record whose message contains {@code part} was recorded. */
  public LogAssert hasLogContaining(String part) {
    isNotNull();
    List<LogRecord> logs = actual.logs();
    return new LogAssert(this, "a log record containing \"" + part + "\"", logs,
        logs.stream().filter(r -> r.message().contains(part)).toList());
  }

  /** Exactly {@code count} log records were recorded. */
  public TelemetryAssert hasLogCount(int count) {
    isNotNull();
    List<LogRecord> logs = actual.logs();
    if (logs.size() != count) {
      failWithMessage("%s", "expected " + count + " log records but " + logs.size() + " were recorded:" + list(logs));
    }
    return this;
  }

  /** No log record was recorded. */
  public TelemetryAssert hasNoLogs() {
    return hasLogCount(0);
  }

  // ------------------------------------------------------------------ SDK health

  /**
   * The SDK dropped nothing and no sink failed: every self-metric named {@code dropped.*},
   * {@code *.dropped.*} or {@code sink_failures.*} is zero.
   */
  public TelemetryAssert hasNoDroppedTelemetry() {
    isNotNull();
    Map<String, Long> bad = new TreeMap<>();
    actual.selfMetrics().forEach((k, v) -> {
      if (v != 0 && (k.startsWith("dropped.") || k.contains(".dropped.") || k.startsWith("sink_failures."))) {
        bad.put(k, v);
      }
    });
    if (!bad.isEmpty()) {
      StringBuilder sb = new StringBuilder("expected no dropped telemetry but self-metrics show:");
      bad.forEach((k, v) -> sb.append("\n  - ").append(k).append('=').append(v));
      failWithMessage("%s", sb.toString());
    }
    return this;
  }

  /** The self-metric {@code key} has the value {@code expected}. */
  public TelemetryAssert hasSelfMetric(String key, long expected) {
    isNotNull();
    Map<String, Long> all = actual.selfMetrics();
    long value = all.getOrDefault(key, 0L);
    if (value != expected) {
      failWithMessage("%s", "expected self-metric " + key + "=" + expected + " but it was " + value
          + "; self-metrics were: " + (all.isEmpty() ? "none" : all));
    }
    return this;
  }

  private static String list(List<?> items) {
    StringBuilder sb = new StringBuilder();
    for (Object o : items) {
      sb.append("\n  - ").append(o instanceof ErrorEvent e ? ErrorAssert.describe(e) : o);
    }
    return sb.toString();
  }
}
