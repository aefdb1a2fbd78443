package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.core.internal.RateLimitedLogger;
import dev.obskit.api.SelfMetrics;
import dev.obskit.core.internal.errors.ErrorScope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * The core's per-thread context: a chain of frames, one per attach. Closing a frame restores the
 * nearest earlier frame that is still open. A frame closed out of order, or from another thread,
 * is only marked closed and skipped later, so that misuse never installs an unrelated context;
 * the backend scope attached with a frame (the primary's context) is closed in the same order.
 */
public final class ContextStore {
  /** One mutable holder per thread: attaching and detaching write its top frame. */
  private final ThreadLocal<Holder> current = ThreadLocal.withInitial(() -> new Holder(this));
  private final RateLimitedLogger warnings;
  private final SelfMetrics metrics;

  public ContextStore(RateLimitedLogger warnings, SelfMetrics metrics) {
    this.warnings = warnings;
    this.metrics = metrics;
  }

  /** The context current on this thread. */
  public CoreContext current() {
    Frame f = current.get().top;
    return f == null ? CoreContext.ROOT : f.coreContext();
  }

  /** The request scope current on this thread, or null ({@code current().scope()} without building the context). */
  public ErrorScope currentScope() {
    Frame f = current.get().top;
    return f == null ? null : f.scope;
  }

  /** The facade span current on this thread, or null ({@code current().span()} without building the context). */
  CoreSpan currentSpan() {
    return currentSpan(current.get());
  }

  /**
   * This thread's holder. A span start looks it up once and passes it on to {@link
   * #currentSpan(Holder)} and {@link #attachSpan(Holder, CoreSpan, Scope)}. The holder is
   * confined to this thread; never hand it to another.
   */
  Holder holder() {
    return current.get();
  }

  /** {@link #currentScope()} with this thread's holder already looked up. */
  static ErrorScope currentScope(Holder h) {
    Frame f = h.top;
    return f == null ? null : f.scope;
  }

  /** {@link #currentSpan()} with this thread's holder already looked up. */
  static CoreSpan currentSpan(Holder h) {
    Frame f = h.top;
    return f == null ? null : f.span;
  }

  /**
   * Makes {@code context} current on this thread until the returned scope closes.
   *
   * @param backendScope the primary backend's scope opened together with it, closed with it; may
   *     be null
   */
  public Scope attach(CoreContext context, Scope backendScope) {
    Holder h = current.get();
    Frame f = new Frame(h, context, context.span(), context.baggage(), context.scope(), h.top, backendScope);
    h.top = f;
    return f;
  }

  /**
   * Makes {@code span} current on {@code h}'s thread (keeping the current baggage and request
   * scope) until the returned frame closes.
   *
   * @param backendScope the primary backend's scope making the span current in its own context,
   *     closed with the frame; may be null
   */
  Frame attachSpan(Holder h, CoreSpan span, Scope backendScope) {
    Frame top = h.top;
    // The CoreContext itself is built only if someone reads it (see Frame.coreContext()).
    Frame f = top == null ? new Frame(h, null, span, CoreContext.ROOT.baggage(), null, null, backendScope)
        : new Frame(h, null, span, top.baggage, top.scope, top, backendScope);
    h.top = f;
    return f;
  }

  /** Closes {@code f}, made current on {@code h}'s thread; {@code h} is the frame's holder, read once by the caller. */
  void detach(Frame f, Holder h) {
    if (Thread.currentThread() != h.owner) {
      if (CLOSED.compareAndSet(f, 0, 1)) {
        misuse("a span or scope was closed on another thread than the one that made it current; "
            + "the span ended, but the original thread's context is restored only when its enclosing scope closes");
      }
      return;
    }
    // On the owner thread, whose holder is confined to it: no atomic update needed against
    // closing twice here. A racing close from another thread is misuse and only ever marks the
    // frame, so at worst both count it closed.
    if ((int) CLOSED.getAcquire(f) != 0) {
      return;
    }
    CLOSED.setRelease(f, 1);
    if (h.top != f && !onlyClosedAbove(h.top, f)) {
      misuse("a span or scope was closed out of order (an inner one is still open); "
          + "the context is restored when the inner one closes");
      return;
    }
    // Frames above f were closed on other threads (so only marked): unwind them with f, innermost
    // first, so that the primary's scopes close in the order they were opened.
    Frame p = h.top;
    while (p != f) {
      p = unlink(p);
    }
    p = unlink(f);
    while (p != null && isClosed(p)) {
      p = unlink(p);
    }
    h.top = p;
  }

  /**
   * Closes a frame's backend scope and drops its links, returning the frame below it. Dropping
   * them keeps an application that holds on to finished spans from holding every frame that was
   * below them (and their backend scopes) too. Only the owner thread reads a frame's links.
   */
  private static Frame unlink(Frame f) {
    closeBackendScope(f);
    Frame below = f.previous;
    f.previous = null;
    f.backendScope = null;
    return below;
  }

  /** Whether every frame from {@code top} down to, not including, {@code f} is closed (and f is below). */
  private static boolean onlyClosedAbove(Frame top, Frame f) {
    for (Frame p = top; p != null; p = p.previous) {
      if (p == f) {
        return true;
      }
      if (!isClosed(p)) {
        return false;
      }
    }
    return false;
  }

  private static boolean isClosed(Frame f) {
    return (int) CLOSED.getAcquire(f) != 0;
  }

  private void misuse(String message) {
    metrics.increment("context_misuse");
    warnings.warn("context_misuse", () -> "obskit: " + message);
  }

  private static void closeBackendScope(Frame f) {
    Scope s = f.backendScope;
    if (s != null) {
      try {
        s.close();
      } catch (Throwable ignored) {
        // The backend's scope is its own business; our context stays consistent regardless.
      }
    }
  }

  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(Frame.class, "closed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * A thread's top frame; only ever touched by that thread. The owner and the store live here,
   * once per thread, rather than in every frame.
   */
  static final class Holder {
    final ContextStore store;
    final Thread owner = Thread.currentThread();
    Frame top;

    Holder(ContextStore store) {
      this.store = store;
    }
  }

  /** One attach: what it made current, and what it replaced (the frame below). */
  static final class Frame implements Scope {
    final Holder holder;
    final CoreSpan span;
    final Map<String, String> baggage;
    /** The request scope, null for the process-wide one; carried to every frame above. */
    final ErrorScope scope;
    /** The frame below; dropped when this one is unlinked (see {@link ContextStore#unlink}). */
    Frame previous;
    Scope backendScope;
    /**
     * The context as one object, built on first read: a span's frame is mostly never read as a
     * whole. Racy on purpose: CoreContext is immutable, a second reader at worst builds an equal one.
     */
    private CoreContext coreContext;
    /** 0 open, 1 closed. Accessed through {@code CLOSED} only: release/acquire on the owner thread, CAS from other threads. */
    int closed;

    Frame(Holder holder, CoreContext context, CoreSpan span, Map<String, String> baggage, ErrorScope scope,
        Frame previous, Scope backendScope) {
      this.holder = holder;
      this.coreContext = context;
      this.span = span;
      this.baggage = baggage;
      this.scope = scope;
      this.previous = previous;
      this.backendScope = backendScope;
    }

    CoreContext coreContext() {
      CoreContext c = coreContext;
      if (c == null) {
        c = new CoreContext(span, baggage, scope);
        coreContext = c;
      }
      return c;
    }

    @Override
    public void close() {
      holder.store.detach(this, holder);
    }
  }
}
