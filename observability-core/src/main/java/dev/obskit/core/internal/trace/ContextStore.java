package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.core.internal.RateLimitedLogger;
import dev.obskit.api.SelfMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The core's per-thread context: a chain of frames, one per attach. Closing a frame restores the
 * nearest earlier frame that is still open. A frame closed out of order, or from another thread,
 * is only marked closed and skipped later, so that misuse never installs an unrelated context;
 * the backend scope attached with a frame (the primary's context) is closed in the same order.
 */
public final class ContextStore {
  private final ThreadLocal<Frame> current = new ThreadLocal<>();
  private final RateLimitedLogger warnings;
  private final SelfMetrics metrics;

  public ContextStore(RateLimitedLogger warnings, SelfMetrics metrics) {
    this.warnings = warnings;
    this.metrics = metrics;
  }

  /** The context current on this thread. */
  public CoreContext current() {
    Frame f = current.get();
    return f == null ? CoreContext.ROOT : f.context;
  }

  /**
   * Makes {@code context} current on this thread until the returned scope closes.
   *
   * @param backendScope the primary backend's scope opened together with it, closed with it; may
   *     be null
   */
  public Scope attach(CoreContext context, Scope backendScope) {
    Frame f = new Frame(this, context, current.get(), backendScope, Thread.currentThread());
    current.set(f);
    return f;
  }

  void detach(Frame f) {
    if (!f.closed.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != f.owner) {
      misuse("a span or scope was closed on another thread than the one that made it current; "
          + "the span ended, but the original thread's context is restored only when its enclosing scope closes");
      return;
    }
    if (current.get() != f) {
      misuse("a span or scope was closed out of order (an inner one is still open); "
          + "the context is restored when the inner one closes");
      return;
    }
    closeBackendScope(f);
    Frame p = f.previous;
    while (p != null && p.closed.get()) {
      closeBackendScope(p);
      p = p.previous;
    }
    if (p == null) {
      current.remove();
    } else {
      current.set(p);
    }
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

  /** One attach. */
  static final class Frame implements Scope {
    private final ContextStore store;
    final CoreContext context;
    final Frame previous;
    final Scope backendScope;
    final Thread owner;
    final AtomicBoolean closed = new AtomicBoolean();

    Frame(ContextStore store, CoreContext context, Frame previous, Scope backendScope, Thread owner) {
      this.store = store;
      this.context = context;
      this.previous = previous;
      this.backendScope = backendScope;
      this.owner = owner;
    }

    @Override
    public void close() {
      store.detach(this);
    }
  }
}
