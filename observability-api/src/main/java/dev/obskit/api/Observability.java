package dev.obskit.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.DoubleSupplier;

/**
 * One API for errors, metrics, traces and events. Application code depends on this interface
 * only; the routing configuration decides which backend (Sentry, OpenTelemetry, console, ...)
 * receives each signal.
 *
 * <p>Every method is thread-safe and never throws into the caller: bad input (null or blank
 * names, NaN, negative counter increments, label explosions, huge strings) is dropped, counted
 * in {@link #selfMetrics()} and warned about at a limited rate. No method blocks on I/O except
 * {@link #flush(Duration)} and {@link #close(Duration)}, which wait at most their deadline.
 *
 * <p>Instances come from {@code ObservabilitySdk} in {@code observability-core}, or {@link
 * #noop()}. Code that cannot receive an instance may use {@link GlobalObservability}.
 */
public interface Observability extends AutoCloseable {

  // ---------------------------------------------------------------- errors

  /** Captures an error at {@link Level#ERROR} with no extra context. */
  default void captureError(Throwable error) {
    captureError(error, Map.of(), Level.ERROR);
  }

  /** Captures an error at {@link Level#ERROR} with context (scrubbed of secrets before it leaves). */
  default void captureError(Throwable error, Map<String, ?> context) {
    captureError(error, context, Level.ERROR);
  }

  /** Captures an error with context at a level. */
  void captureError(Throwable error, Map<String, ?> context, Level level);

  /** Captures a fully described error (tags, user, fingerprint, ...). */
  void captureError(ErrorEvent event);

  /** Captures a message without an exception. */
  void captureMessage(String message, Level level);

  /**
   * Sets the user of the current scope (see {@link #isolate()}), attached to every later error
   * and Sentry transaction of that scope; outside any scope, of the whole process. Null clears it.
   */
  void setUser(User user);

  /** Sets a tag of the current scope (see {@link #setUser}); a null value removes it. */
  void setTag(String key, String value);

  /** Sets a named structured context of the current scope (see {@link #setUser}); null removes it. */
  void setContext(String name, Map<String, ?> values);

  /**
   * Opens a fresh scope, current until closed: one per request or job. Inside it {@link
   * #setUser}, {@link #setTag}, {@link #setContext} and the breadcrumbs {@link #recordEvent}
   * leaves apply to this scope only, and errors and Sentry transactions started in it carry
   * exactly its user, tags, contexts and breadcrumbs, never another request's. It starts with a
   * copy of the user, tags and contexts of the scope it is opened in (the process-wide ones
   * outside any) and no breadcrumbs. It follows the context: spans started in it, tasks passed
   * through {@link #wrap(Runnable)} and wrapped executors see it. Close it on the thread that
   * opened it, with try-with-resources:
   *
   * <pre>{@code
   * try (Scope request = obs.isolate()) {
   *   obs.setUser(User.id(userId));
   *   handle(request);
   * }
   * }</pre>
   *
   * <p>Same semantics as Sentry's isolation scope ({@code Sentry.forkedScopes}).
   */
  Scope isolate();

  // ---------------------------------------------------------------- metrics

  /**
   * Records one measurement by name: convenient, but resolves the instrument on every call.
   * Prefer a bound instrument ({@link #counter(String)}, ...) on hot paths.
   */
  void recordMetric(String name, double value, Labels labels, MetricType type);

  /** Same as {@link #recordMetric(String, double, Labels, MetricType)} with labels from a map. */
  void recordMetric(String name, double value, Map<String, String> labels, MetricType type);

  /** The counter named {@code name}, created on first use; same name, same instrument. */
  default Counter counter(String name) {
    return counter(name, InstrumentOptions.defaults());
  }

  /** The counter named {@code name} with a unit and description. */
  Counter counter(String name, InstrumentOptions options);

  /** The up-down counter named {@code name}. */
  default UpDownCounter upDownCounter(String name) {
    return upDownCounter(name, InstrumentOptions.defaults());
  }

  /** The up-down counter named {@code name} with options. */
  UpDownCounter upDownCounter(String name, InstrumentOptions options);

  /** The histogram named {@code name}, with the backend's default buckets. */
  default Histogram histogram(String name) {
    return histogram(name, InstrumentOptions.defaults());
  }

  /** The histogram named {@code name} with a unit and explicit buckets. */
  Histogram histogram(String name, InstrumentOptions options);

  /** The synchronous gauge named {@code name}. */
  default Gauge gauge(String name) {
    return gauge(name, InstrumentOptions.defaults());
  }

  /** The synchronous gauge named {@code name} with options. */
  Gauge gauge(String name, InstrumentOptions options);

  /**
   * Registers a gauge whose value is read from {@code callback} at each collection. The
   * callback must be fast and must not block; a throwing callback is counted and skipped.
   * Close the registration to stop reporting.
   */
  Registration gauge(String name, InstrumentOptions options, Labels labels, DoubleSupplier callback);

  // ---------------------------------------------------------------- traces

  /** Starts a span, child of the current span, and makes it current until closed. */
  default Span startSpan(String name) {
    return spanBuilder(name).start();
  }

  /** A builder for a span with a kind, explicit parent, links or start attributes. */
  SpanBuilder spanBuilder(String name);

  /**
   * The current span on this thread: a facade span, or a span of other instrumentation when the
   * trace backend shares its context (OpenTelemetry). {@link Span#noop()} when none.
   */
  Span currentSpan();

  /**
   * Runs {@code work} in a new current span, ends it, and returns the result. If the work throws,
   * the exception is recorded on the span, the status set to ERROR and the exception rethrown.
   */
  <T, E extends Throwable> T inSpan(String name, SpanWork<T, E> work) throws E;

  /** Runs {@code work} in a new current span (see {@link #inSpan(String, SpanWork)}). */
  void inSpan(String name, Runnable work);

  // ---------------------------------------------------------------- events

  /**
   * Records a discrete event: a Sentry breadcrumb, an event on the current span, a console line,
   * depending on routing.
   */
  void recordEvent(String name, Map<String, ?> data);

  /**
   * Adds a breadcrumb to the current scope (see {@link #isolate()}) without recording an event:
   * later errors and Sentry transactions of that scope carry it. For integrations such as log
   * appenders, whose lower-level lines are steps on the way to an error, not events of their own.
   * Its data is scrubbed like event data; a breadcrumb without a span gets the one current now.
   * Never throws.
   */
  default void addBreadcrumb(Breadcrumb breadcrumb) {}

  // ---------------------------------------------------------------- logs

  /**
   * Emits one log record to the backends routed for logs ({@code routing.logs}). The main path
   * is a logging appender ({@code integration-logback}, {@code integration-log4j2}); this is for
   * code that logs without a logging framework.
   */
  void log(LogRecord record);

  /** Emits a log line at {@code level} with attributes (see {@link #log(LogRecord)}). */
  default void log(LogLevel level, String message, Map<String, ?> attributes) {
    if (level != null) {
      log(LogRecord.builder(level, message).attributes(attributes).build());
    }
  }

  // ---------------------------------------------------------------- propagation

  /**
   * Writes the current span's W3C {@code traceparent} and {@code tracestate}, and the current
   * {@code baggage}, into {@code carrier}. Writes nothing when no span is current.
   */
  <C> void inject(C carrier, CarrierSetter<C> setter);

  /**
   * Reads a W3C {@code traceparent}/{@code tracestate} from {@code carrier}. Returns a remote
   * context to pass to {@link SpanBuilder#parent(SpanContext)}, or {@link SpanContext#invalid()}
   * when the header is absent or malformed (malformed headers are counted).
   */
  <C> SpanContext extract(C carrier, CarrierGetter<C> getter);

  /** Reads W3C {@code baggage} from {@code carrier}; empty when absent. */
  <C> Map<String, String> extractBaggage(C carrier, CarrierGetter<C> getter);

  /** The baggage current on this thread, never null. */
  Map<String, String> currentBaggage();

  /** Makes {@code entries} (merged over the current baggage) current until the scope closes. */
  Scope withBaggage(Map<String, String> entries);

  // ---------------------------------------------------------------- context across threads

  /** Wraps {@code task} so that it runs with the span and baggage current now. */
  Runnable wrap(Runnable task);

  /** Wraps {@code task} so that it runs with the span and baggage current now. */
  <T> Callable<T> wrap(Callable<T> task);

  /** An executor that runs every task with the context current at submission. */
  Executor wrap(Executor executor);

  /** An executor service that runs every task with the context current at submission. */
  ExecutorService wrap(ExecutorService executor);

  // ---------------------------------------------------------------- interop

  /**
   * The object of type {@code type} of a backend in use, for code that needs the SDK itself:
   * {@code obs.unwrap(io.opentelemetry.api.OpenTelemetry.class)} is the otel backend's SDK, to
   * hand to OpenTelemetry instrumentation libraries (their spans nest with facade spans and are
   * mirrored like them); {@code obs.unwrap(io.sentry.IScopes.class)} is the sentry backend's
   * scopes. Backends are asked in routing order; empty when none has one (and for
   * the no-op instance).
   */
  default <T> java.util.Optional<T> unwrap(Class<T> type) {
    return java.util.Optional.empty();
  }

  // ---------------------------------------------------------------- lifecycle

  /** The SDK's own counters (drops, sink failures). */
  SelfMetrics selfMetrics();

  /**
   * Exports everything accepted so far, waiting at most {@code timeout} in total.
   *
   * @return true if every backend finished within the deadline
   */
  boolean flush(Duration timeout);

  /**
   * Flushes and shuts down every backend against one deadline. Later calls are ignored and later
   * recordings are dropped.
   *
   * @return true if every backend finished within the deadline
   */
  boolean close(Duration timeout);

  /** Same as {@code close(Duration.ofSeconds(5))}. */
  @Override
  default void close() {
    close(Duration.ofSeconds(5));
  }

  /** An instance that records nothing and costs (almost) nothing. */
  static Observability noop() {
    return NoopObservability.INSTANCE;
  }
}
