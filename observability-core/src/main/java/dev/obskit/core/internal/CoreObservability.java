package dev.obskit.core.internal;

import dev.obskit.api.CarrierGetter;
import dev.obskit.api.CarrierSetter;
import dev.obskit.api.Counter;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.LogRecord;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.Scope;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.SpanWork;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.User;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.Breadcrumb;
import dev.obskit.core.internal.errors.ErrorCapture;
import dev.obskit.core.internal.errors.ErrorScope;
import dev.obskit.core.internal.logs.LogCapture;
import dev.obskit.core.internal.metrics.InstrumentRegistry;
import dev.obskit.core.internal.propagation.SentryTrace;
import dev.obskit.core.internal.propagation.W3CBaggage;
import dev.obskit.core.internal.propagation.W3CTraceContext;
import dev.obskit.core.internal.trace.ContextStore;
import dev.obskit.core.internal.trace.CoreContext;
import dev.obskit.core.internal.trace.CurrentSpans;
import dev.obskit.core.internal.trace.SpanStarter;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.DoubleSupplier;

/**
 * The core's implementation of {@link Observability} (as {@code CoreSpan} is of {@code Span}),
 * the one {@code ObservabilitySdk.builder().build()} returns: guards every input, then hands each
 * signal to its routed backends through failure-isolating fan-outs.
 */
public final class CoreObservability implements Observability {
  private static final String PROPAGATION_FAILURES = "propagation_failures";
  private final String serviceName;
  private final SdkSettings settings;
  /** The propagation formats inject writes and extract reads ({@code propagation}). */
  private final boolean traceContextOn;
  private final boolean baggageOn;
  private final boolean sentryTraceOn;
  private final String sentryEnvironment;
  private final String sentryRelease;
  private final RoutingPlan plan;
  private final SelfMetricsRegistry selfMetrics;
  private final DropReporter drops;
  private final InputChecks checks;
  private final LifecycleState lifecycle;
  private final InstrumentRegistry instruments;
  private final SpanStarter spans;
  private final CurrentSpans currentSpans;
  private final ErrorCapture errors;
  private final FanOut<EventSink> events;
  private final DefaultScrubber scrubber;
  private final ContextWrapping wrapping;
  private final BackendLifecycle backendLifecycle;
  /** Closes this SDK at JVM exit unless the application closes it first; null when off. */
  private volatile ShutdownHook shutdownHook;
  /*
   * Which signals reach a backend. A signal routed to none returns right after the after-close
   * check: validating, scrubbing or counting drops of input nobody receives is wasted work, and
   * instrumented code must cost next to nothing when its signal is switched off.
   */
  private final boolean errorsOn;
  private final boolean metricsOn;
  private final boolean eventsOn;
  private final boolean logsOn;
  private final LogCapture logs;
  /** Whether a routed event sink wants events kept as breadcrumbs of the current scope. */
  private final boolean breadcrumbsOn;
  /** Whether anything reads scope data (errors, or spans a backend may send it with). */
  private final boolean scopesOn;

  public CoreObservability(SdkSettings settings, RoutingPlan plan, SelfMetricsRegistry selfMetrics,
      RateLimitedLogger warnings, DefaultScrubber scrubber, LifecycleState lifecycle, System.Logger logger) {
    this.serviceName = settings.serviceName();
    this.settings = settings;
    this.traceContextOn = settings.propagation().contains("tracecontext");
    this.baggageOn = settings.propagation().contains("baggage");
    this.sentryTraceOn = settings.propagation().contains("sentry");
    this.sentryEnvironment = settings.environment();
    // The release the sentry backend reports by default: service@version.
    this.sentryRelease = settings.serviceVersion().isEmpty() ? "" : settings.serviceName() + "@" + settings.serviceVersion();
    this.plan = plan;
    this.selfMetrics = selfMetrics;
    this.lifecycle = lifecycle;
    this.scrubber = scrubber;
    this.drops = new DropReporter(selfMetrics, warnings);
    this.checks = new InputChecks(settings.limits(), drops);
    SinkFailures failures = new SinkFailures(selfMetrics, warnings);
    this.instruments = new InstrumentRegistry(plan.metricSinks(), drops, checks, failures, lifecycle);
    this.errorsOn = plan.serves(Signal.ERRORS);
    this.metricsOn = plan.serves(Signal.METRICS);
    this.eventsOn = plan.serves(Signal.EVENTS);
    this.logsOn = plan.serves(Signal.LOGS);
    // Without a trace backend span ids only serve to correlate errors and events. Spans become
    // no-ops only when traces, errors and events are all routed to none; a routed backend that is
    // unavailable (jar absent, create failed) keeps the ids, as docs/core.md promises.
    boolean spanIdsWanted = errorsOn || eventsOn || !settings.routing(Signal.TRACES).isEmpty()
        || !settings.routing(Signal.ERRORS).isEmpty() || !settings.routing(Signal.EVENTS).isEmpty()
        || logsOn || !settings.routing(Signal.LOGS).isEmpty();
    ErrorScope processScope = new ErrorScope(drops, settings.limits());
    ContextStore store = new ContextStore(warnings, selfMetrics);
    this.spans = new SpanStarter(plan.spanSinks(), store, drops, checks, failures, lifecycle, spanIdsWanted,
        processScope);
    this.currentSpans = spans.current();
    this.errors = new ErrorCapture(FanOut.of(Signal.ERRORS, plan.errorSinks(), failures), scrubber, drops, checks,
        currentSpans::currentContext, processScope, store::currentScope);
    this.events = FanOut.of(Signal.EVENTS, plan.eventSinks(), failures);
    this.logs = new LogCapture(FanOut.of(Signal.LOGS, plan.logSinks(), failures), settings.logLimits(), scrubber,
        drops, checks, currentSpans::currentContext);
    this.breadcrumbsOn = events.any(EventSink::keepsBreadcrumbs);
    this.scopesOn = errorsOn || breadcrumbsOn || plan.serves(Signal.TRACES);
    this.wrapping = new ContextWrapping(currentSpans);
    this.backendLifecycle = new BackendLifecycle(selfMetrics, logger);
  }

  /** The {@code http:} section; set once, right after construction, before anyone sees this instance. */
  private volatile dev.obskit.core.config.HttpSettings http = dev.obskit.core.config.HttpSettings.DEFAULTS;

  void useHttpSettings(dev.obskit.core.config.HttpSettings settings) {
    this.http = settings;
  }

  /** The {@code http:} section, for the HTTP integrations (see {@code HttpSettings.of}). */
  public dev.obskit.core.config.HttpSettings httpSettings() {
    return http;
  }

  /** The current span's ids as the SDK sees them; for backends via their context. */
  public SpanContext currentSpanContext() {
    return currentSpans.currentContext();
  }

  private boolean closed() {
    if (lifecycle.isClosed()) {
      drops.count(DropReporter.AFTER_CLOSE_KEY);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- errors

  /**
   * The guard of every error-scope method, in two parts so that a call nobody receives costs
   * next to nothing (DisabledSignalsTest): {@code receives} drops (and counts) a call after close
   * and says no when the call is routed to no backend; {@code guarded} runs the call and counts
   * whatever preparing it throws (a caller's map modified while read, a {@code toString} that
   * throws) as a capture failure instead of throwing it into the application.
   */
  private boolean receives(boolean routed) {
    return !closed() && routed;
  }

  private void guarded(String call, Runnable work) {
    try {
      work.run();
    } catch (Throwable e) {
      drops.captureFailed(call, e);
    }
  }

  @Override
  public void captureError(Throwable error, Map<String, ?> context, Level level) {
    if (receives(errorsOn)) {
      guarded("captureError", () -> errors.capture(error, context, level));
    }
  }

  @Override
  public void captureError(ErrorEvent event) {
    if (receives(errorsOn)) {
      guarded("captureError", () -> errors.capture(event));
    }
  }

  @Override
  public void captureMessage(String message, Level level) {
    if (receives(errorsOn)) {
      guarded("captureMessage", () -> errors.captureMessage(message, level));
    }
  }

  @Override
  public void setUser(User user) {
    if (receives(errorsOn)) {
      guarded("setUser", () -> errors.setUser(user));
    }
  }

  @Override
  public void setTag(String key, String value) {
    if (receives(errorsOn)) {
      guarded("setTag", () -> errors.setTag(key, value));
    }
  }

  @Override
  public void setContext(String name, Map<String, ?> values) {
    if (receives(errorsOn)) {
      guarded("setContext", () -> errors.setContext(name, values));
    }
  }

  @Override
  public void addBreadcrumb(Breadcrumb crumb) {
    if (crumb != null && receives(errorsOn || breadcrumbsOn)) {
      guarded("addBreadcrumb", () -> {
        Map<String, Object> clean = errors.cleanData(crumb.data(), "breadcrumb", crumb.category());
        SpanContext span = crumb.spanContext().isValid() ? crumb.spanContext() : currentSpans.currentContext();
        errors.addBreadcrumb(Breadcrumb.of(crumb.category(), crumb.message(), crumb.level(), clean, span,
            crumb.timestampMillis()));
      });
    }
  }

  @Override
  public Scope isolate() {
    if (closed() || !scopesOn) {
      return Scope.noop();
    }
    CoreContext current = currentSpans.store().current();
    ErrorScope parent = current.scope() != null ? current.scope() : errors.currentScope();
    return currentSpans.store().attach(current.withScope(parent.fork()), null);
  }

  // ---------------------------------------------------------------- metrics

  @Override
  public void recordMetric(String name, double value, Labels labels, MetricType type) {
    if (!closed() && metricsOn) {
      instruments.record(name, value, labels, type);
    }
  }

  @Override
  public void recordMetric(String name, double value, Map<String, String> labels, MetricType type) {
    if (closed() || !metricsOn) {
      return;
    }
    Labels l;
    try {
      l = labels(name, labels);
    } catch (Throwable e) {
      drops.captureFailed("recordMetric", e);
      return;
    }
    if (l != null) {
      instruments.record(name, value, l, type);
    }
  }

  /** The caller's label map as {@link Labels}; null (counted) when a key or value is null. */
  private Labels labels(String name, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return Labels.empty();
    }
    Labels.Builder b = Labels.builder();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        drops.drop(DropReporter.INVALID_NAME, () -> "metric '" + name + "' has a null label key or value");
        return null;
      }
      b.put(e.getKey(), e.getValue());
    }
    return b.build();
  }

  @Override
  public Counter counter(String name, InstrumentOptions options) {
    return instruments.counter(name, options);
  }

  @Override
  public UpDownCounter upDownCounter(String name, InstrumentOptions options) {
    return instruments.upDownCounter(name, options);
  }

  @Override
  public Histogram histogram(String name, InstrumentOptions options) {
    return instruments.histogram(name, options);
  }

  @Override
  public Gauge gauge(String name, InstrumentOptions options) {
    return instruments.gauge(name, options);
  }

  @Override
  public Registration gauge(String name, InstrumentOptions options, Labels labels, DoubleSupplier callback) {
    if (closed()) {
      return Registration.noop();
    }
    return instruments.callbackGauge(name, options, labels, callback);
  }

  // ---------------------------------------------------------------- traces

  @Override
  public SpanBuilder spanBuilder(String name) {
    return spans.spanBuilder(name);
  }

  @Override
  public Span startSpan(String name) {
    // The common case without a builder object.
    return spans.startSpan(name);
  }

  @Override
  public Span currentSpan() {
    return currentSpans.currentSpan();
  }

  @Override
  public <T, E extends Throwable> T inSpan(String name, SpanWork<T, E> work) throws E {
    Span span = spans.startSpan(name);
    try {
      return work.run();
    } catch (Throwable t) {
      span.recordException(t);
      span.setStatus(SpanStatus.ERROR, t.getMessage() != null ? t.getMessage() : t.getClass().getName());
      throw t;
    } finally {
      span.close();
    }
  }

  @Override
  public void inSpan(String name, Runnable work) {
    inSpan(name, () -> {
      work.run();
      return null;
    });
  }

  // ---------------------------------------------------------------- events

  @Override
  public void recordEvent(String name, Map<String, ?> data) {
    if (closed() || !eventsOn || !checks.checkName(name, "event")) {
      return;
    }
    Map<String, Object> clean;
    try {
      clean = errors.cleanData(data, "event", name);
    } catch (Throwable e) {
      drops.captureFailed("recordEvent", e);
      return;
    }
    SpanContext current = currentSpans.currentContext();
    long now = System.currentTimeMillis();
    if (breadcrumbsOn) {
      errors.addBreadcrumb(Breadcrumb.of(name, name, Level.INFO, clean, current, now));
    }
    events.each(sink -> sink.recordEvent(name, clean, current, now));
  }

  // ---------------------------------------------------------------- logs

  /**
   * The API's default builds the record on the caller's thread, copying the caller's map: here
   * that copy is guarded like every other read of caller input.
   */
  @Override
  public void log(dev.obskit.api.LogLevel level, String message, Map<String, ?> attributes) {
    if (closed() || !logsOn || level == null) {
      return;
    }
    LogRecord record;
    try {
      record = LogRecord.builder(level, message).attributes(attributes).build();
    } catch (Throwable e) {
      drops.captureFailed("log", e);
      return;
    }
    log(record);
  }

  @Override
  public void log(LogRecord record) {
    if (closed() || !logsOn) {
      return;
    }
    if (record == null) {
      drops.drop("null_log", () -> "log(null)");
      return;
    }
    try {
      logs.emit(record);
    } catch (Throwable e) {
      drops.captureFailed("log", e);
    }
  }

  // ---------------------------------------------------------------- propagation

  @Override
  public <T> java.util.Optional<T> unwrap(Class<T> type) {
    if (type == null) {
      return java.util.Optional.empty();
    }
    for (Map.Entry<String, dev.obskit.api.spi.Backend> backend : plan.backends.entrySet()) {
      try {
        T found = backend.getValue().unwrap(type);
        if (type.isInstance(found)) {
          return java.util.Optional.of(found);
        }
      } catch (Throwable e) {
        // A backend's unwrap failing is its own problem: the caller gets nothing from it.
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public <C> void inject(C carrier, CarrierSetter<C> setter) {
    if (carrier == null || setter == null) {
      return;
    }
    try {
      SpanContext current = currentSpans.currentContext();
      if (current.isValid()) {
        if (traceContextOn) {
          setter.set(carrier, W3CTraceContext.TRACEPARENT, W3CTraceContext.traceparent(current));
          if (!current.traceState().isEmpty()) {
            setter.set(carrier, W3CTraceContext.TRACESTATE, current.traceState());
          }
        }
        if (sentryTraceOn) {
          setter.set(carrier, SentryTrace.HEADER, SentryTrace.header(current));
        }
      }
      Map<String, String> baggage = outgoingBaggage(current);
      if (!baggage.isEmpty()) {
        String header = W3CBaggage.format(baggage);
        if (!header.isEmpty()) {
          setter.set(carrier, W3CBaggage.HEADER, header);
        }
      }
    } catch (Throwable e) {
      propagationFailed("inject", "setter", e);
    }
  }

  /**
   * The baggage to send: all of it with {@code baggage}; with {@code sentry}, Sentry's entries
   * (received ones are passed on unchanged, as Sentry's SDKs freeze them for the whole trace;
   * without any, those of a trace starting here).
   */
  private Map<String, String> outgoingBaggage(SpanContext current) {
    Map<String, String> baggage = currentSpans.store().current().baggage();
    if (!sentryTraceOn) {
      return baggageOn ? baggage : Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>(baggageOn ? baggage : SentryTrace.sentryEntries(baggage));
    if (current.isValid() && SentryTrace.sentryEntries(baggage).isEmpty()) {
      out.putAll(SentryTrace.headEntries(current, sentryEnvironment, sentryRelease));
    }
    return out;
  }

  @Override
  public <C> SpanContext extract(C carrier, CarrierGetter<C> getter) {
    if (carrier == null || getter == null) {
      return SpanContext.invalid();
    }
    try {
      if (traceContextOn) {
        String traceparent = getter.get(carrier, W3CTraceContext.TRACEPARENT);
        if (traceparent != null) {
          SpanContext parsed = W3CTraceContext.parse(traceparent, getter.get(carrier, W3CTraceContext.TRACESTATE));
          if (parsed != null) {
            return parsed;
          }
          drops.drop("malformed_traceparent", () -> "ignored an invalid traceparent header");
        }
      }
      if (sentryTraceOn) {
        String sentryTrace = getter.get(carrier, SentryTrace.HEADER);
        if (sentryTrace != null) {
          SpanContext parsed = SentryTrace.parse(sentryTrace,
              SentryTrace.sentryEntries(W3CBaggage.parse(getter.get(carrier, W3CBaggage.HEADER)).entries()));
          if (parsed != null) {
            return parsed;
          }
          drops.drop("malformed_sentry_trace", () -> "ignored an invalid sentry-trace header");
        }
      }
      return SpanContext.invalid();
    } catch (Throwable e) {
      propagationFailed("extract", "getter", e);
      return SpanContext.invalid();
    }
  }

  @Override
  public <C> Map<String, String> extractBaggage(C carrier, CarrierGetter<C> getter) {
    if (carrier == null || getter == null || !(baggageOn || sentryTraceOn)) {
      return Map.of();
    }
    try {
      W3CBaggage.Parsed parsed = W3CBaggage.parse(getter.get(carrier, W3CBaggage.HEADER));
      if (parsed.malformed()) {
        drops.drop("malformed_baggage", () -> "ignored invalid or over-limit baggage members");
      }
      // With sentry alone, only Sentry's entries are read: they carry the trace's sampling context.
      return baggageOn ? parsed.entries() : SentryTrace.sentryEntries(parsed.entries());
    } catch (Throwable e) {
      propagationFailed("extractBaggage", "getter", e);
      return Map.of();
    }
  }

  /** Counts a carrier accessor that threw and warns at a limited rate, the same for both directions. */
  private void propagationFailed(String call, String accessor, Throwable e) {
    drops.countAndWarn(PROPAGATION_FAILURES, () -> "obskit: the carrier " + accessor + " threw during " + call
        + "; the headers were ignored", e);
  }

  @Override
  public Map<String, String> currentBaggage() {
    return currentSpans.store().current().baggage();
  }

  @Override
  public Scope withBaggage(Map<String, String> entries) {
    CoreContext current = currentSpans.store().current();
    Map<String, String> merged = new LinkedHashMap<>(current.baggage());
    if (entries != null) {
      try {
        entries.forEach((k, v) -> {
          if (k == null || v == null) {
            return;
          }
          if (checks.checkString(v, "baggage", k)) {
            merged.put(k, v);
          }
        });
      } catch (Throwable e) {
        // Nothing is attached: a scope over half of the caller's entries would be a silent surprise.
        drops.captureFailed("withBaggage", e);
        return Scope.noop();
      }
    }
    return currentSpans.store().attach(current.withBaggage(Collections.unmodifiableMap(merged)), null);
  }

  // ---------------------------------------------------------------- context across threads

  @Override
  public Runnable wrap(Runnable task) {
    return wrapping.wrap(task);
  }

  @Override
  public <T> Callable<T> wrap(Callable<T> task) {
    return wrapping.wrap(task);
  }

  @Override
  public Executor wrap(Executor executor) {
    return wrapping.wrap(executor);
  }

  @Override
  public ExecutorService wrap(ExecutorService executor) {
    return wrapping.wrap(executor);
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public SelfMetrics selfMetrics() {
    return selfMetrics;
  }

  @Override
  public boolean flush(Duration timeout) {
    if (lifecycle.isClosed()) {
      return true;
    }
    return backendLifecycle.flush(plan.backends, timeout);
  }

  /** Set once at build: the hook that closes this SDK at JVM exit. */
  void closeAtExit(ShutdownHook hook) {
    this.shutdownHook = hook;
  }

  @Override
  public boolean close(Duration timeout) {
    if (!lifecycle.markClosed()) {
      return true;
    }
    ShutdownHook hook = shutdownHook;
    if (hook != null) {
      hook.remove();
    }
    instruments.markClosed();
    return backendLifecycle.close(plan.backends, timeout);
  }

  /** A snapshot of routing, backends and self-metrics (see {@link dev.obskit.core.SdkStatus}). */
  public dev.obskit.core.SdkStatus status() {
    return EffectiveConfigSummary.status(settings, plan, selfMetrics.snapshot(), lifecycle.isClosed(),
        shutdownHook != null, scrubber);
  }

  /** The scrubber used for errors and events. */
  public DefaultScrubber scrubber() {
    return scrubber;
  }

  @Override
  public String toString() {
    return "Observability{service=" + serviceName + ", backends=" + plan.backends.keySet()
        + (lifecycle.isClosed() ? ", closed" : "") + '}';
  }
}
