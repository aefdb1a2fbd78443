package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.ContextSnapshot;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.core.internal.SinkFailures;

/**
 * Answers "which span is current" and makes spans current. The core keeps its own context per
 * thread ({@link ContextStore}); when the primary trace backend {@linkplain SpanSink#ownsContext()
 * owns the context} (OpenTelemetry), the backend's context is the truth, because spans of other
 * instrumentation on the same SDK become current there without the core knowing.
 */
public final class CurrentSpans {
  private final ContextStore store;
  /** The primary if it owns the context, else null: then only the core's context counts. */
  private final SpanSink owner;
  private final String ownerName;
  private final SinkFailures failures;
  /** Wraps a foreign current span (one of other instrumentation) as a facade span. */
  private final SpanStarter starter;

  /** @param owner the primary if it owns the context, else null */
  CurrentSpans(ContextStore store, SpanSink owner, String ownerName, SinkFailures failures, SpanStarter starter) {
    this.store = store;
    this.owner = owner;
    this.ownerName = ownerName;
    this.failures = failures;
    this.starter = starter;
  }

  /** The core's per-thread context (span, baggage, request scope). */
  public ContextStore store() {
    return store;
  }

  /** The ids of the current span (facade or foreign), or invalid. */
  public SpanContext currentContext() {
    return currentContext(store.holder());
  }

  /** {@link #currentContext()} with this thread's holder already looked up. */
  SpanContext currentContext(ContextStore.Holder here) {
    CoreSpan own = ContextStore.currentSpan(here);
    if (owner != null) {
      // Usually the facade span made current last is also the primary's current span.
      if (isOwnersCurrent(own)) {
        return own.context();
      }
      SpanContext c = ownersCurrentContext();
      if (c != null && c.isValid()) {
        return c;
      }
    }
    return own == null ? SpanContext.invalid() : own.context();
  }

  /** The current span as a facade span; a foreign one of the primary is wrapped. */
  public Span currentSpan() {
    CoreSpan own = store.currentSpan();
    if (owner == null || isOwnersCurrent(own)) {
      return own == null ? Span.noop() : own;
    }
    SpanContext c = ownersCurrentContext();
    if (c == null || !c.isValid()) {
      return own == null ? Span.noop() : own;
    }
    // Ids only: a backend may rebuild the context with another trace state or remote flag.
    if (own != null && own.context().spanId().equals(c.spanId()) && own.context().traceId().equals(c.traceId())) {
      return own;
    }
    SpanHandle foreign;
    try {
      foreign = owner.currentSpan();
    } catch (Throwable t) {
      failed(t);
      foreign = null;
    }
    if (foreign == null) {
      return own == null ? Span.noop() : own;
    }
    return new CoreSpan(starter, foreign, foreign, c);
  }

  /** Captures the primary's context for another thread (none when the core owns context). */
  public ContextSnapshot captureBackendContext() {
    if (owner == null) {
      return ContextSnapshot.none();
    }
    try {
      ContextSnapshot s = owner.captureContext();
      return s == null ? ContextSnapshot.none() : s;
    } catch (Throwable t) {
      failed(t);
      return ContextSnapshot.none();
    }
  }

  /** Attaches a snapshot from {@link #captureBackendContext()}, isolated. */
  public Scope attachBackendContext(ContextSnapshot snapshot) {
    try {
      Scope s = snapshot.attach();
      return s == null ? Scope.noop() : s;
    } catch (Throwable t) {
      failed(t);
      return Scope.noop();
    }
  }

  /**
   * Whether {@code own} (may be null) is the current span in the primary's context. Isolated on
   * its own: it is only a shortcut, so a primary failing it is still asked for its current context.
   */
  private boolean isOwnersCurrent(CoreSpan own) {
    if (own == null || own.contextHandle() == null) {
      return false;
    }
    try {
      return own.contextHandle().isCurrent();
    } catch (Throwable t) {
      failed(t);
      return false;
    }
  }

  private SpanContext ownersCurrentContext() {
    try {
      return owner.currentContext();
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  private void failed(Throwable t) {
    failures.failed(ownerName == null ? "core" : ownerName, Signal.TRACES, t);
  }
}
