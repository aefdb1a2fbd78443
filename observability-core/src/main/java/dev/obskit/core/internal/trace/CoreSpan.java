package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.SpanHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;


/**
 * The facade's span: one identity (the primary's ids), one clock, and a handle that forwards every
 * operation to the primary and the mirrors. Inputs are validated here once, so every backend sees
 * the same attributes. Every call into the handle is isolated here: with only a primary the
 * handle is the primary's own (no wrapper object per span), with mirrors it is a fan-out of
 * handles isolated one by one.
 */
public final class CoreSpan extends ContextStore.Frame implements Span {
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

  private final Tracer tracer;
  private final SpanHandle handle;
  /** The primary's own handle, needed to make the span current in the primary's context. */
  private final SpanHandle primaryHandle;
  /**
   * The span's ids: given at start, or (a lone primary) read from the handle on first use and
   * then kept. Not volatile: SpanContext is immutable, so a racy read sees a complete one or null,
   * and null is resolved once by CAS (see {@link #resolveContext()}).
   */
  private SpanContext context;
  /** With a lazy context: the parent, for fresh ids in the same trace if the backend gives none. */
  private SpanContext parent;
  /** 0 until ended, then 1 (set once by CAS; a field rather than an AtomicBoolean per span). */
  private volatile int ended;

  CoreSpan(Tracer tracer, SpanHandle handle, SpanHandle primaryHandle, SpanContext context) {
    this.tracer = tracer;
    this.handle = handle;
    this.primaryHandle = primaryHandle;
    this.context = context;
  }

  /** A span over a lone primary's handle whose ids are read from the handle when first needed. */
  static CoreSpan withLazyContext(Tracer tracer, SpanHandle primaryHandle, SpanContext parent) {
    CoreSpan span = new CoreSpan(tracer, primaryHandle, primaryHandle, null);
    span.parent = parent;
    return span;
  }

  SpanHandle primaryHandle() {
    return primaryHandle;
  }

  /** Whether {@code end()} ran; later calls on the span are ignored. */
  public boolean isEnded() {
    return ended != 0;
  }

  /**
   * Whether end() has not run, as far as this thread can tell. A plain read, not a volatile one:
   * a call racing with end() on another thread may still reach the backend, whose span ignores
   * calls after its end itself. A volatile read between two calls would also keep the JIT from
   * merging the backend's per-call span locks (OpenTelemetry's SdkSpan locks on every
   * setAttribute), which raw SDK code setting two attributes in a row gets.
   */
  private boolean notEnded() {
    return (int) ENDED.get(this) == 0;
  }

  private void failed(Throwable t) {
    tracer.primaryFailed(t);
  }

  /**
   * The check every setAttribute overload shares. Only the check is shared: the overloads keep
   * their own call into the handle so primitive values are never boxed.
   */
  private boolean attributeAccepted(String key) {
    return notEnded() && tracer.attributeNames().check(key);
  }

  @Override
  public Span setAttribute(String key, String value) {
    if (value != null && attributeAccepted(key)
        && tracer.drops().checkString(value, "span attribute", key)) {
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
    if (attributeAccepted(key) && tracer.drops().checkFinite(value, "span attribute", key)) {
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
    if (notEnded() && tracer.drops().checkName(name, "span event")) {
      Map<String, Object> clean;
      try {
        clean = SpanAttributes.sanitize(attributes, tracer.drops(), "span event");
      } catch (Throwable e) {
        // The caller's map, not the backend, threw: counted as a drop, not as a sink failure.
        tracer.drops().captureFailed("span.addEvent", e);
        return this;
      }
      try {
        handle.addEvent(name, clean, tracer.now());
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
        handle.recordException(error, tracer.now());
      } catch (Throwable t) {
        failed(t);
      }
    }
    return this;
  }

  @Override
  public Span updateName(String name) {
    if (notEnded() && tracer.spanNames().check(name)) {
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
      c = Tracer.generate(parent == null ? SpanContext.invalid() : parent);
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
    return tracer.makeCurrent(this);
  }

  @Override
  public void end() {
    if (ENDED.compareAndSet(this, 0, 1)) {
      try {
        handle.end(tracer.now());
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /**
   * Ends the span and, if start() made it current, restores the context it replaced (the span is
   * the frame of that attach; once only, see {@link ContextStore#detach}).
   */
  @Override
  public void close() {
    end();
    // One read of the holder (not final, see Frame): null means start() did not make it current.
    ContextStore.Holder h = holder;
    if (h != null) {
      h.store.detach(this, h);
    }
  }

  @Override
  public String toString() {
    SpanContext c = context();
    return "Span{" + c.traceId() + "/" + c.spanId() + (ended != 0 ? ", ended" : "") + '}';
  }
}
