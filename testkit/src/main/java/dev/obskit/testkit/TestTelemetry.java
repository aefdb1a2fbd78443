package dev.obskit.testkit;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.User;
import dev.obskit.testkit.internal.MemoryStore;
import dev.obskit.testkit.internal.TraceTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Read access to what a {@code memory} backend recorded: errors, metrics, spans and events.
 * Every getter returns an immutable copy taken at the call; thread-safe. Assert on it with
 * {@link ObservabilityAssertions#assertThat(TestTelemetry)}.
 *
 * <p>One instance may back several memory backends, but the usual shape is one per test (the
 * {@link ObservabilityExtension} does that).
 */
public final class TestTelemetry {
  private final MemoryStore store = new MemoryStore();

  /** An empty telemetry; hand it to {@link MemoryBackendProvider#MemoryBackendProvider(TestTelemetry)}. */
  public TestTelemetry() {}

  MemoryStore store() {
    return store;
  }

  /** Uses {@code selfMetrics} for {@link #selfMetrics()} (done automatically when a backend is created). */
  void bindSelfMetrics(SelfMetrics selfMetrics) {
    store.bindSelfMetrics(selfMetrics);
  }

  // ------------------------------------------------------------------ errors

  /** Captured errors and messages, in capture order. */
  public List<ErrorEvent> errors() {
    return store.errors();
  }

  /** Captured errors whose exception is an instance of {@code type}. */
  public List<ErrorEvent> errors(Class<? extends Throwable> type) {
    return store.errors().stream().filter(e -> type.isInstance(e.error())).toList();
  }

  /** The user the facade last set (mirrored to the error sink), or null. */
  public User user() {
    return store.scopeUser();
  }

  /** The tags the facade currently has set. */
  public Map<String, String> tags() {
    return store.scopeTags();
  }

  /** The named contexts the facade currently has set. */
  public Map<String, Map<String, Object>> contexts() {
    return store.scopeContexts();
  }

  // ------------------------------------------------------------------ metrics

  /** Every instrument created so far, in creation order; callback gauges are read now. */
  public List<RecordedMetric> metrics() {
    return store.metrics();
  }

  /** The instruments named {@code name} (normally one). */
  public List<RecordedMetric> metrics(String name) {
    return metrics().stream().filter(m -> m.name().equals(name)).toList();
  }

  /** The first instrument named {@code name}. */
  public Optional<RecordedMetric> metric(String name) {
    return metrics(name).stream().findFirst();
  }

  /** Convenience: the sum of the points of {@code name} with exactly {@code labels}; 0 if none. */
  public double counterTotal(String name, Labels labels) {
    return metrics(name).stream().mapToDouble(m -> m.total(labels)).sum();
  }

  /** Convenience: the latest value of gauge {@code name} for {@code labels} (callbacks read now). */
  public OptionalDouble gaugeValue(String name, Labels labels) {
    for (RecordedMetric m : metrics(name)) {
      OptionalDouble v = m.lastValue(labels);
      if (v.isPresent()) {
        return v;
      }
    }
    return OptionalDouble.empty();
  }

  // ------------------------------------------------------------------ spans

  /** Finished spans, in the order they ended. */
  public List<RecordedSpan> spans() {
    return store.finishedSpans();
  }

  /** Finished spans named {@code name}. */
  public List<RecordedSpan> spans(String name) {
    return spans().stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The first finished span named {@code name}. */
  public Optional<RecordedSpan> span(String name) {
    return spans(name).stream().findFirst();
  }

  /** Spans started and not yet ended (a leak, if any remain at the end of a test). */
  public List<RecordedSpan> openSpans() {
    return store.openSpans();
  }

  /** Finished and open spans of the trace {@code traceId}. */
  public List<RecordedSpan> trace(String traceId) {
    return allSpans().stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  /**
   * Every recorded tree of spans (finished and open) in the compact notation {@code pipeline >
   * [generate, evaluate > [judge]]}, one string per root.
   */
  public List<String> traceTrees() {
    return TraceTree.of(allSpans()).stream().map(TraceTree::render).toList();
  }

  List<RecordedSpan> allSpans() {
    List<RecordedSpan> all = new ArrayList<>(spans());
    all.addAll(openSpans());
    return all;
  }

  // ------------------------------------------------------------------ events

  /** Events, in arrival order. */
  public List<RecordedEvent> events() {
    return store.events();
  }

  /** Events named {@code name}. */
  public List<RecordedEvent> events(String name) {
    return events().stream().filter(e -> e.name().equals(name)).toList();
  }

  // ------------------------------------------------------------------ logs

  /** Log records, in arrival order, as the core handed them over (guarded, with their span). */
  public List<LogRecord> logs() {
    return store.logs();
  }

  /** Log records at {@code level}. */
  public List<LogRecord> logs(LogLevel level) {
    return logs().stream().filter(r -> r.level() == level).toList();
  }

  // ------------------------------------------------------------------ SDK state

  /**
   * The SDK's self-metrics (drops, sink failures) as of now, from the context the backend was
   * created with; empty before any backend exists.
   */
  public Map<String, Long> selfMetrics() {
    SelfMetrics sm = store.selfMetrics();
    return sm == null ? Map.of() : sm.snapshot();
  }

  /** How often a backend over this telemetry was flushed. */
  public int flushCount() {
    return store.flushCount();
  }

  /** Whether the backend created last over this telemetry was closed. */
  public boolean isClosed() {
    return store.isClosed();
  }

  /**
   * Forgets everything recorded so far (errors, metric points, spans, events, logs); spans open now
   * will not be reported when they end. Instruments and callback gauges stay registered.
   */
  public void reset() {
    store.reset();
  }

  /** A multi-line summary of everything recorded, as printed in assertion failures. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    List<ErrorEvent> errors = errors();
    sb.append("errors (").append(errors.size()).append("):");
    errors.forEach(e -> sb.append("\n  ").append(e));
    List<String> metricLines = new ArrayList<>();
    metrics().forEach(m -> m.summaryLines().forEach(l -> metricLines.add(m.type() + " " + l)));
    sb.append("\nmetrics (").append(metricLines.size()).append("):");
    metricLines.forEach(l -> sb.append("\n  ").append(l));
    List<String> trees = traceTrees();
    sb.append("\ntraces (").append(trees.size()).append("):");
    trees.forEach(t -> sb.append("\n  ").append(t));
    List<RecordedEvent> events = events();
    sb.append("\nevents (").append(events.size()).append("):");
    events.forEach(e -> sb.append("\n  ").append(e));
    List<LogRecord> logs = logs();
    sb.append("\nlogs (").append(logs.size()).append("):");
    logs.forEach(r -> sb.append("\n  ").append(r));
    return sb.toString();
  }

  @Override
  public String toString() {
    return "TestTelemetry{" + errors().size() + " errors, " + metrics().size() + " instruments, "
        + spans().size() + " spans, " + events().size() + " events, " + logs().size() + " logs}";
  }
}
