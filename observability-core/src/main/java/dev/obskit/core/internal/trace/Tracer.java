package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.ContextSnapshot;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.core.internal.Drops;
import dev.obskit.core.internal.LifecycleState;
import dev.obskit.core.internal.SinkFailures;
import dev.obskit.core.internal.errors.ErrorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Starts facade spans and answers "what is current". The primary trace backend assigns ids and,
 * when it {@linkplain SpanSink#ownsContext() owns the context}, is the truth about the current
 * span; mirrors receive the primary's ids. Without a trace backend the core assigns W3C ids
 * itself, so errors still correlate.
 */
public final class Tracer {
  private final String primaryName;
  private final SpanSink primary;
  private final boolean ownsContext;
  private final String[] mirrorNames;
  private final SpanSink[] mirrors;
  private final ContextStore store;
  private final EpochClock clock = new EpochClock();
  private final Drops drops;
  private final AcceptedNames attributeNames;
  private final AcceptedNames spanNames;
  private final SinkFailures failures;
  private final LifecycleState lifecycle;
  /** The process-wide scope: what a span started outside any request scope carries. */
  private final ErrorScope processScope;
  /**
   * No trace backend and nothing that reads span ids (no error or event backend): spans are the
   * shared no-op span, so instrumented code allocates nothing for them.
   */
  private final boolean disabled;
  private final SpanBuilder disabledBuilder;
  /**
   * Whether span times come from the core's clock. Not when the only trace backend reads its own
   * (see {@link SpanSink#readsOwnClock()}): it then gets 0 and reads one clock per time instead
   * of two.
   */
  private final boolean coreClock;

  /**
   * A tracer over the routed span sinks (backend name -> sink, routing order; first = primary).
   *
   * @param idsWanted whether anything may read span ids (errors or events routed somewhere, or a
   *     trace backend configured): then spans get real ids even without a running trace backend
   */
  public Tracer(Map<String, SpanSink> sinks, ContextStore store, Drops drops, SinkFailures failures,
      LifecycleState lifecycle, boolean idsWanted, ErrorScope processScope) {
    this.processScope = processScope;
    List<String> names = new ArrayList<>(sinks.keySet());
    List<SpanSink> all = new ArrayList<>(sinks.values());
    this.primaryName = names.isEmpty() ? null : names.get(0);
    this.primary = all.isEmpty() ? null : all.get(0);
    this.mirrorNames = names.size() > 1 ? names.subList(1, names.size()).toArray(new String[0]) : new String[0];
    this.mirrors = all.size() > 1 ? all.subList(1, all.size()).toArray(new SpanSink[0]) : new SpanSink[0];
    this.store = store;
    this.drops = drops;
    this.attributeNames = new AcceptedNames(drops, "span attribute");
    this.spanNames = new AcceptedNames(drops, "span");
    this.failures = failures;
    this.lifecycle = lifecycle;
    this.ownsContext = primary != null && askPrimary(SpanSink::ownsContext);
    this.coreClock = primary == null || mirrors.length > 0 || !askPrimary(SpanSink::readsOwnClock);
    this.disabled = primary == null && !idsWanted;
    this.disabledBuilder = new DisabledSpanBuilder(this);
    if (primary != null && mirrors.length > 0) {
      try {
        // A span of other instrumentation starts in the request scope current on its thread.
        primary.setForeignSpanListener(start -> startMirrors(start.toBuilder().scope(scope(store.holder())).build(),
            start.assignedContext()));
      } catch (Throwable t) {
        failures.failed(primaryName, Signal.TRACES, t);
      }
    }
  }

  /** The request scope current on {@code h}'s thread, else the process-wide one. */
  ErrorScope scope(ContextStore.Holder h) {
    ErrorScope s = ContextStore.currentScope(h);
    return s != null ? s : processScope;
  }

  /** Asks the primary a yes/no question about itself once, at start-up; a throw counts as no. */
  private boolean askPrimary(Predicate<SpanSink> question) {
    try {
      return question.test(primary);
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      return false;
    }
  }

  /** The time for a span's start, end or event: now, or 0 when the only trace backend reads its own clock. */
  long now() {
    return coreClock ? clock.nowEpochNanos() : 0L;
  }

  Drops drops() {
    return drops;
  }

  /** The shared builder of a tracer with every span-reading signal off (no lifecycle check). */
  SpanBuilder disabledBuilder() {
    return disabledBuilder;
  }

  /** The span names known to be valid (see {@link AcceptedNames}). */
  AcceptedNames spanNames() {
    return spanNames;
  }

  /** The span attribute names known to be valid (see {@link AcceptedNames}). */
  AcceptedNames attributeNames() {
    return attributeNames;
  }

  /** The core's per-thread context (span and baggage). */
  public ContextStore store() {
    return store;
  }

  /** Whether the primary keeps the current span itself (OpenTelemetry), so its context is the truth. */
  public boolean ownsContext() {
    return ownsContext;
  }

  /**
   * A builder for a facade span. After close a no-op builder, and the call counts
   * {@code dropped.after_close}.
   */
  public SpanBuilder spanBuilder(String name) {
    if (lifecycle.isClosed()) {
      afterClose();
      return NoopSpanBuilderHolder.INSTANCE;
    }
    if (disabled) {
      return disabledBuilder;
    }
    return new CoreSpanBuilder(this, name);
  }

  /**
   * {@code spanBuilder(name).start()} without the builder. After close the no-op span, and the
   * call counts {@code dropped.after_close}.
   */
  public Span startSpan(String name) {
    if (lifecycle.isClosed()) {
      afterClose();
      return Span.noop();
    }
    if (disabled) {
      return Span.noop();
    }
    if (!spanNames.check(name)) {
      return Span.noop();
    }
    ContextStore.Holder here = store.holder();
    return start(name, SpanKind.INTERNAL, null, now(), currentContext(here), true, here);
  }

  /** A span asked for after close: counted like every other late call, nothing else. */
  private void afterClose() {
    drops.metrics().increment(Drops.AFTER_CLOSE_KEY);
  }

  /** Counts a throw of the primary's span handle (with mirrors each handle is isolated itself). */
  void primaryFailed(Throwable t) {
    failures.failed(primaryName == null ? "core" : primaryName, Signal.TRACES, t);
  }

  /** The ids of the current span (facade or foreign), or invalid. */
  public SpanContext currentContext() {
    return currentContext(store.holder());
  }

  /** {@link #currentContext()} with this thread's holder already looked up. */
  SpanContext currentContext(ContextStore.Holder here) {
    CoreSpan own = ContextStore.currentSpan(here);
    if (ownsContext) {
      try {
        // Usually the facade span made current last is also the primary's current span.
        if (isPrimaryCurrent(own)) {
          return own.context();
        }
        SpanContext c = primary.currentContext();
        if (c != null && c.isValid()) {
          return c;
        }
      } catch (Throwable t) {
        failures.failed(primaryName, Signal.TRACES, t);
      }
    }
    return own == null ? SpanContext.invalid() : own.context();
  }

  /**
   * Whether {@code own} (may be null) is the current span in the primary's context. Isolated on
   * its own: it is only a shortcut, so a primary failing it is still asked for its current context.
   */
  private boolean isPrimaryCurrent(CoreSpan own) {
    if (own == null || own.primaryHandle() == null) {
      return false;
    }
    try {
      return primary.isCurrent(own.primaryHandle());
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      return false;
    }
  }

  /** The current span as a facade span; a foreign one of the primary is wrapped. */
  public Span currentSpan() {
    CoreSpan own = store.currentSpan();
    if (!ownsContext) {
      return own == null ? Span.noop() : own;
    }
    SpanContext c;
    try {
      if (isPrimaryCurrent(own)) {
        return own;
      }
      c = primary.currentContext();
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      c = null;
    }
    if (c == null || !c.isValid()) {
      return own == null ? Span.noop() : own;
    }
    // Ids only: a backend may rebuild the context with another trace state or remote flag.
    if (own != null && own.context().spanId().equals(c.spanId()) && own.context().traceId().equals(c.traceId())) {
      return own;
    }
    SpanHandle foreign;
    try {
      foreign = primary.currentSpan();
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      foreign = null;
    }
    if (foreign == null) {
      return own == null ? Span.noop() : own;
    }
    return new CoreSpan(this, foreign, foreign, c);
  }

  /** Makes {@code span} current in the core's and (if it owns context) the primary's context. */
  Scope makeCurrent(CoreSpan span) {
    return makeCurrent(span, store.holder());
  }

  /** Makes a span just started current, the span being its own frame (see ContextStore). */
  void attachAsOwnFrame(CoreSpan span, ContextStore.Holder here) {
    store.attachAsOwnFrame(here, span, openBackendScope(span));
  }

  private Scope makeCurrent(CoreSpan span, ContextStore.Holder here) {
    return store.attachSpan(here, span, openBackendScope(span));
  }

  /** The primary's scope making {@code span} current in its own context, or null. */
  private Scope openBackendScope(CoreSpan span) {
    Scope backendScope = null;
    if (ownsContext && span.primaryHandle() != null) {
      try {
        backendScope = primary.makeCurrent(span.primaryHandle());
      } catch (Throwable t) {
        failures.failed(primaryName, Signal.TRACES, t);
      }
    }
    return backendScope;
  }

  /** Captures the primary's context for another thread (none when the core owns context). */
  public ContextSnapshot captureBackendContext() {
    if (!ownsContext) {
      return ContextSnapshot.none();
    }
    try {
      ContextSnapshot s = primary.captureContext();
      return s == null ? ContextSnapshot.none() : s;
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      return ContextSnapshot.none();
    }
  }

  /** Attaches a snapshot from {@link #captureBackendContext()}, isolated. */
  public Scope attachBackendContext(ContextSnapshot snapshot) {
    try {
      Scope s = snapshot.attach();
      return s == null ? Scope.noop() : s;
    } catch (Throwable t) {
      failures.failed(primaryName == null ? "core" : primaryName, Signal.TRACES, t);
      return Scope.noop();
    }
  }

  /**
   * Starts a span.
   *
   * @param startBuilder the start options collected so far (links, attributes), or null
   * @param here this thread's context holder if the caller looked it up already, else null
   */
  CoreSpan start(String name, SpanKind kind, SpanStart.Builder startBuilder, long startEpochNanos,
      SpanContext parent, boolean makeCurrent, ContextStore.Holder here) {
    SpanHandle primaryHandle = null;
    SpanContext context = null;
    SpanStart start = null;
    if (primary != null) {
      // Only a backend reads the start description: without one it is not built at all.
      if (here == null) {
        here = store.holder();
      }
      ErrorScope scope = scope(here);
      start = startBuilder != null
          ? startBuilder.kind(kind).parent(parent).startEpochNanos(startEpochNanos).scope(scope).build()
          : SpanStart.of(name, kind, parent, startEpochNanos, scope);
      try {
        primaryHandle = primary.start(start);
      } catch (Throwable t) {
        failures.failed(primaryName, Signal.TRACES, t);
      }
      if (primaryHandle != null && mirrors.length == 0) {
        // A lone primary: its ids are read when first asked for (a leaf span often never is).
        CoreSpan span = CoreSpan.withLazyContext(this, primaryHandle, parent);
        if (makeCurrent) {
          attachAsOwnFrame(span, here != null ? here : store.holder());
        }
        return span;
      }
      if (primaryHandle != null) {
        try {
          context = primaryHandle.context();
        } catch (Throwable t) {
          failures.failed(primaryName, Signal.TRACES, t);
          primaryHandle = null;
        }
      }
    }
    if (context == null || !context.isValid()) {
      // No trace backend, or it failed: the core still gives the span real ids so errors correlate.
      context = generate(parent);
    }
    SpanHandle handle;
    if (mirrors.length == 0) {
      // CoreSpan isolates the calls into a lone primary handle itself: no wrapper per span.
      handle = primaryHandle != null ? primaryHandle : SpanHandle.noop(context);
    } else {
      SpanHandle own = primaryHandle != null ? new IsolatedSpanHandle(primaryName, primaryHandle, failures)
          : SpanHandle.noop(context);
      handle = FanOutSpanHandle.of(context, List.of(own, startMirrors(start, context)));
    }
    CoreSpan span = new CoreSpan(this, handle, primaryHandle, context);
    if (makeCurrent) {
      attachAsOwnFrame(span, here != null ? here : store.holder());
    }
    return span;
  }

  private SpanHandle startMirrors(SpanStart start, SpanContext assigned) {
    SpanStart mirrored = start.toBuilder().assignedContext(assigned).build();
    List<SpanHandle> handles = new ArrayList<>(mirrors.length);
    for (int i = 0; i < mirrors.length; i++) {
      try {
        SpanHandle h = mirrors[i].start(mirrored);
        if (h != null) {
          handles.add(new IsolatedSpanHandle(mirrorNames[i], h, failures));
        }
      } catch (Throwable t) {
        failures.failed(mirrorNames[i], Signal.TRACES, t);
      }
    }
    return FanOutSpanHandle.of(assigned, handles);
  }

  static SpanContext generate(SpanContext parent) {
    if (parent.isValid()) {
      return SpanContext.create(parent.traceId(), IdGenerator.spanId(), parent.traceFlags(), parent.traceState());
    }
    // A service without a trace backend does not veto recording downstream.
    // Our trace ids are random: the W3C Level 2 random flag says so downstream.
    return SpanContext.create(IdGenerator.traceId(), IdGenerator.spanId(), (byte) (SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM), "");
  }

  /** Lazily holds a shared no-op builder for spans requested after close. */
  private static final class NoopSpanBuilderHolder {
    static final SpanBuilder INSTANCE = dev.obskit.api.Observability.noop().spanBuilder("noop");
  }
}
