package dev.obskit.core.internal.trace;

import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanClock;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.InputChecks;
import dev.obskit.core.internal.LifecycleState;
import dev.obskit.core.internal.SinkFailures;
import dev.obskit.core.internal.errors.ErrorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts facade spans. The primary trace backend (the first routed) assigns the ids; mirrors
 * ({@link MirrorSpans}) receive the primary's ids. Without a trace backend the core assigns W3C
 * ids itself ({@link SpanIds}), so errors still correlate.
 *
 * <p>The parent is resolved once: by the primary when it owns the context and no mirror needs
 * to be told the parent, else by the core ({@link CurrentSpans}).
 */
public final class SpanStarter {
  private final String primaryName;
  private final SpanSink primary;
  /** Whether the primary keeps the current span itself (OpenTelemetry), so its context is the truth. */
  private final boolean primaryOwnsContext;
  /** The mirrors, or null when there are none. */
  private final MirrorSpans mirrors;
  private final CurrentSpans current;
  private final ContextStore store;
  private final DropReporter drops;
  private final InputChecks checks;
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
   * A starter over the routed span sinks (backend name -> sink, routing order; first = primary).
   *
   * @param idsWanted whether anything may read span ids (errors or events routed somewhere, or a
   *     trace backend configured): then spans get real ids even without a running trace backend
   */
  public SpanStarter(Map<String, SpanSink> sinks, ContextStore store, DropReporter drops, InputChecks checks,
      SinkFailures failures, LifecycleState lifecycle, boolean idsWanted, ErrorScope processScope) {
    List<String> names = new ArrayList<>(sinks.keySet());
    List<SpanSink> all = new ArrayList<>(sinks.values());
    this.primaryName = names.isEmpty() ? null : names.get(0);
    this.primary = all.isEmpty() ? null : all.get(0);
    this.mirrors = all.size() > 1
        ? new MirrorSpans(names.subList(1, names.size()), all.subList(1, all.size()), failures) : null;
    this.store = store;
    this.drops = drops;
    this.checks = checks;
    this.attributeNames = new AcceptedNames(checks, "span attribute");
    this.spanNames = new AcceptedNames(checks, "span");
    this.failures = failures;
    this.lifecycle = lifecycle;
    this.processScope = processScope;
    this.primaryOwnsContext = primary != null && askPrimaryOwnsContext();
    this.current = new CurrentSpans(store, primaryOwnsContext ? primary : null, primaryName, failures, this);
    this.disabled = primary == null && !idsWanted;
    this.disabledBuilder = new DisabledSpanBuilder(this);
    if (primary != null && mirrors != null) {
      try {
        // A span of other instrumentation starts in the request scope current on its thread.
        primary.setForeignSpanListener(start -> mirrors.start(start.toBuilder().scope(scope(store.holder())).build(),
            start.assignedContext()));
      } catch (Throwable t) {
        failures.failed(primaryName, Signal.TRACES, t);
      }
    }
  }

  /** Asks the primary once, at start-up; a throw counts as no. */
  private boolean askPrimaryOwnsContext() {
    try {
      return primary.ownsContext();
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      return false;
    }
  }

  /** What is current, and making spans current. */
  public CurrentSpans current() {
    return current;
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
    if (disabled || !spanNames.check(name)) {
      return Span.noop();
    }
    return start(name, SpanKind.INTERNAL, null, null, true);
  }

  /** A span asked for after close: counted like every other late call, nothing else. */
  private void afterClose() {
    drops.count(DropReporter.AFTER_CLOSE_KEY);
  }

  /**
   * Starts a span.
   *
   * @param options the start options collected by a builder (links, attributes, start time), or
   *     null; with mirrors it has a start time (see {@link #coreTimesSpans()})
   * @param parent the explicit parent ({@link SpanContext#invalid()} for a root), or null for the
   *     current span
   */
  CoreSpan start(String name, SpanKind kind, SpanStart.Builder options, SpanContext parent, boolean makeCurrent) {
    ContextStore.Holder here = store.holder();
    boolean primaryResolvesParent = parent == null && mirrors == null && primaryOwnsContext;
    if (parent == null && !primaryResolvesParent) {
      parent = current.currentContext(here);
    }
    CoreSpan span = primary == null ? withoutBackend(parent)
        : startInBackends(name, kind, options, parent, primaryResolvesParent, here);
    if (makeCurrent) {
      span.startCurrent(here);
    }
    return span;
  }

  /** A span of the core alone: its own ids, no backend to tell. */
  private CoreSpan withoutBackend(SpanContext parent) {
    SpanContext ids = SpanIds.forChildOf(parent);
    return new CoreSpan(this, SpanHandle.noop(ids), null, ids);
  }

  /** @param parent the resolved parent, or null when the primary resolves it */
  private CoreSpan startInBackends(String name, SpanKind kind, SpanStart.Builder options, SpanContext parent,
      boolean primaryResolvesParent, ContextStore.Holder here) {
    ErrorScope scope = scope(here);
    SpanStart start;
    if (options != null) {
      if (primaryResolvesParent) {
        options.parentIsCurrent();
      } else {
        options.parent(parent);
      }
      start = options.kind(kind).scope(scope).build();
    } else if (mirrors != null) {
      // Primary and mirrors record the same start time.
      start = SpanStart.builder(name).kind(kind).parent(parent).startEpochNanos(SpanClock.nowEpochNanos())
          .scope(scope).build();
    } else {
      start = primaryResolvesParent ? SpanStart.ofCurrentParent(name, kind, scope)
          : SpanStart.of(name, kind, parent, scope);
    }
    SpanHandle primaryHandle;
    try {
      primaryHandle = primary.start(start);
    } catch (Throwable t) {
      failures.failed(primaryName, Signal.TRACES, t);
      primaryHandle = null;
    }
    if (mirrors == null) {
      // A lone primary: its ids are read when first asked for (a leaf span often never is).
      return primaryHandle != null
          ? CoreSpan.withLazyContext(this, primaryHandle, primaryOwnsContext ? primaryHandle : null, parent)
          : withoutBackend(parent != null ? parent : current.currentContext(here));
    }
    SpanContext ids = null;
    if (primaryHandle != null) {
      try {
        ids = primaryHandle.context();
      } catch (Throwable t) {
        failures.failed(primaryName, Signal.TRACES, t);
        primaryHandle = null;
      }
    }
    if (ids == null || !ids.isValid()) {
      // The primary failed or gave no ids: the core's own, so that mirrors and errors still agree.
      ids = SpanIds.forChildOf(parent);
    }
    SpanHandle own = primaryHandle != null ? new IsolatedSpanHandle(primaryName, primaryHandle, failures)
        : SpanHandle.noop(ids);
    SpanHandle handle = FanOutSpanHandle.of(ids, List.of(own, mirrors.start(start, ids)));
    return new CoreSpan(this, handle, primaryOwnsContext ? primaryHandle : null, ids);
  }

  /** The request scope current on {@code h}'s thread, else the process-wide one. */
  private ErrorScope scope(ContextStore.Holder h) {
    ErrorScope s = ContextStore.currentScope(h);
    return s != null ? s : processScope;
  }

  /**
   * Whether span times come from the core: with mirrors, so that every backend records the same
   * times; a lone primary reads its own clock.
   */
  boolean coreTimesSpans() {
    return mirrors != null;
  }

  DropReporter drops() {
    return drops;
  }

  InputChecks checks() {
    return checks;
  }

  /** The shared builder of a starter with every span-reading signal off (no lifecycle check). */
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

  /** Counts a throw of the primary's span handle (with mirrors each handle is isolated itself). */
  void primaryFailed(Throwable t) {
    failures.failed(primaryName == null ? "core" : primaryName, Signal.TRACES, t);
  }

  /** Lazily holds a shared no-op builder for spans requested after close. */
  private static final class NoopSpanBuilderHolder {
    static final SpanBuilder INSTANCE = dev.obskit.api.Observability.noop().spanBuilder("noop");
  }
}
