package dev.obskit.api;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A set-once global {@link Observability} for code that cannot receive an instance (static
 * helpers, legacy code). Prefer passing instances: tests then never fight over a global.
 *
 * <p>{@link #get()} returns {@link Observability#noop()} until {@link #set(Observability)} is
 * called. A second {@code set} fails with a message naming where the first one happened.
 */
public final class GlobalObservability {
  private static final AtomicReference<Registered> GLOBAL = new AtomicReference<>();

  private GlobalObservability() {}

  /** The global instance, or the no-op instance if none was set. */
  public static Observability get() {
    Registered r = GLOBAL.get();
    return r == null ? Observability.noop() : r.instance;
  }

  /** Whether {@link #set} has been called. */
  public static boolean isSet() {
    return GLOBAL.get() != null;
  }

  /**
   * Sets the global instance, once.
   *
   * @throws IllegalStateException if it was already set; the cause's stack trace shows where
   */
  public static void set(Observability instance) {
    if (instance == null) {
      throw new NullPointerException("GlobalObservability.set(null): pass Observability.noop() to disable");
    }
    Registered fresh = new Registered(instance, new Throwable("GlobalObservability.set was first called here"));
    if (!GLOBAL.compareAndSet(null, fresh)) {
      Registered first = GLOBAL.get();
      throw new IllegalStateException("GlobalObservability is already set (to " + first.instance
          + "); it can be set only once per JVM. The cause shows where it was first set. "
          + "Pass the instance explicitly instead, or call resetForTesting() in tests.", first.where);
    }
  }

  /** Clears the global instance. For tests only: production code must never call it. */
  public static void resetForTesting() {
    GLOBAL.set(null);
  }

  private static final class Registered {
    final Observability instance;
    final Throwable where;

    Registered(Observability instance, Throwable where) {
      this.instance = instance;
      this.where = where;
    }
  }
}
