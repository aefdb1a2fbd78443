package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.SpanClock;
import dev.obskit.api.spi.SpanHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;


/**
 * The facade's span: one identity (the primary's ids) and a handle that forwards every operation
 * to the primary and the mirrors. Inputs are validated here once, so every backend sees the same
 * attributes. Every call into the handle is isolated here: with only a primary the handle is the
 * primary's own, with mirrors it is a fan-out of handles isolated one by one.
 */
public final class CoreSpan implements Span {
  private static final VarHandle ENDED;
  private static final VarHandle CONTEXT;

  static {
    try {
      ENDED = MethodHandles.lookup().findVarHandle(CoreSpan.class, "ended", int.class);
      CONTEXT = MethodHandles.lookup().findVarHandle(CoreSpan.class, "context", SpanContext.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SpanStarter starter;
  private final SpanHandle handle;
  /**
   * The primary's own handle if the primary owns the context (it makes the span current there,
   * and tells whether it still is), else null.
   */
  private final SpanHandle contextHandle;
  /**
   * The span's ids: given at start, or (a lone primary) read from the handle on first use and
   * then kept. Not volatile: SpanContext is immutable, so a racy read sees a complete one or null,
   * and null is resolved once by CAS (see {@link #resolveContext()}).
   */
  private SpanContext context;
  /** With a lazy context: the parent, for fresh ids in the same trace if the backend gives none. */
  private SpanContext parent;
  /** 0 until ended, then 1 (set once by CAS). */
  private volatile int ended;
  /** The attach of {@code start()}, which {@link #close()} undoes; null for a span started detached. */
  private ContextStore.Frame startFrame;

  CoreSpan(SpanStarter starter, SpanHandle handle, SpanHandle contextHandle, SpanContext context) {
    this.starter = starter;
    this.handle = handle;
    this.contextHandle = contextHandle;
    this.context = context;
  }

  /** A span over a lone primary's handle whose ids are read from the handle when first needed. */
  static CoreSpan withLazyContext(SpanStarter starter, SpanHandle primaryHandle, SpanHandle contextHandle,
      SpanContext parent) {
    CoreSpan span = new CoreSpan(starter, primaryHandle, contextHandle, null);
    span.parent = parent;
    return span;
  }

  /** Makes this span, just started, current until {@link #close()}; before it is handed out. */
  void startCurrent(ContextStore.Holder here) {
    this.startFrame = attach(here);
  }

  /**
   * Makes this span current on {@code here}'s thread, in the core's context and (if it owns the
   * context) the primary's, until the returned frame closes.
   */
  private ContextStore.Frame attach(ContextStore.Holder here) {
    Scope backendScope = null;
    if (contextHandle != null) {
      try {
        backendScope = contextHandle.makeCurrent();
      } catch (Throwable t) {
        failed(t);
      }
    }
    return here.store.attachSpan(here, this, backendScope);
  }

  SpanHandle contextHandle() {
    return contextHandle;
  }

  /** Whether {@code end()} ran; later calls on the span are ignored. */
  public boolean isEnded() {
    return ended != 0;
  }

  /**
   * Whether end() has not run, as far as this thread can tell. A plain read: a call racing with
   * end() on another thread may still reach the backend, whose span ignores calls after its end
   * itself (see docs/performance.md on why not a volatile read).
   */
  private boolean notEnded() {
    return (int) ENDED.get(this) == 0;
  }

  private void failed(Throwable t) {
    starter.primaryFailed(t);
  }

  /** The check every setAttribute overload shares. */
  private boolean attributeAccepted(String key) {
    return notEnded() && starter.attributeNames().check(key);
  }

  @Override
  public Span setAttribute(String key, String value) {
    if (value != null && attributeAccepted(key)
        && starter.checks().checkString(value, "span attribute", key)) {
      try {
        handle.setAttribute(key, value);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    if (attributeAccepted(key)) {
      try {
        handle.setAttribute(key, value);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    if (attributeAccepted(key) && starter.checks().checkFinite(value, "span attribute", key)) {
      try {
        handle.setAttribute(key, value);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    if (attributeAccepted(key)) {
      try {
        handle.setAttribute(key, value);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return addEvent(name, Map.of());
  }

  @Override
  public Span addEvent(String name, Map<String, ?> attributes) {
    if (notEnded() && starter.checks().checkName(name, "span event")) {
      Map<String, Object> clean;
      try {
        clean = SpanAttributes.sanitize(attributes, starter.checks(), "span event");
      } catch (Throwable e) {
        // The caller's map, not the backend, threw: counted as a drop, not as a sink failure.
        starter.drops().captureFailed("span.addEvent", e);
        return this;
      }
      try {
        if (starter.coreTimesSpans()) {
          handle.addEvent(name, clean, SpanClock.nowEpochNanos());
        } else {
          handle.addEvent(name, clean);
        }
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span setStatus(SpanStatus status, String description) {
    if (status != null && notEnded()) {
      String d = status == SpanStatus.ERROR && description != null ? description : "";
      try {
        handle.setStatus(status, d);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span recordException(Throwable error) {
    if (error != null && notEnded()) {
      try {
        if (starter.coreTimesSpans()) {
          handle.recordException(error, SpanClock.nowEpochNanos());
        } else {
          handle.recordException(error);
        }
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span updateName(String name) {
    if (notEnded() && starter.spanNames().check(name)) {
      try {
        handle.updateName(name);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public SpanContext context() {
    SpanContext c = context;
    return c != null ? c : resolveContext();
  }

  private SpanContext resolveContext() {
    SpanContext c;
    try {
      c = handle.context();
    } catch (Throwable t) {
      failed(t);
      c = null;
    }
    if (c == null || !c.isValid()) {
      // The backend has no ids for it: the core's own, so errors still correlate.
      c = SpanIds.forChildOf(parent == null ? SpanContext.invalid() : parent);
    }
    // Decided once: racing readers all get the first value stored (generated ids are random).
    SpanContext raced = (SpanContext) CONTEXT.compareAndExchange(this, (SpanContext) null, c);
    return raced != null ? raced : c;
  }

  @Override
  public boolean isRecording() {
    if (ended != 0) {
      return false;
    }
    try {
      return handle.isRecording();
    } catch (Throwable t) {
      failed(t);
      return false;
    }
  }

  @Override
  public Scope makeCurrent() {
    return attach(starter.current().store().holder());
  }

  @Override
  public void end() {
    if (ENDED.compareAndSet(this, 0, 1)) {
      try {
        if (starter.coreTimesSpans()) {
          handle.end(SpanClock.nowEpochNanos());
        } else {
          handle.end();
        }
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** Ends the span and, if start() made it current, restores the context it replaced (once only). */
  @Override
  public void close() {
    end();
    // Read once: a span handed to another thread by a data race may show it null.
    ContextStore.Frame f = startFrame;
    if (f != null) {
      f.close();
    }
  }

  @Override
  public String toString() {
    SpanContext c = context();
    return "Span{" + c.traceId() + "/" + c.spanId() + (ended != 0 ? ", ended" : "") + '}';
  }
}
