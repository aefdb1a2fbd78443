package dev.obskit.core.internal;

import java.time.Duration;

/**
 * Closes the SDK when the JVM exits, so that an application that never calls {@code close()}
 * (or is stopped with SIGTERM) still sends what it captured last: Sentry's and OpenTelemetry's
 * senders are daemon threads and would die with the JVM holding the data. Removed again when the
 * application closes the SDK itself. {@code shutdown_hook: false} (or a framework integration
 * that owns the lifecycle) leaves the JVM's shutdown alone.
 */
final class ShutdownHook {
  private final Thread thread;

  private ShutdownHook(CoreObservability sdk, Duration timeout) {
    this.thread = new Thread(() -> sdk.close(timeout), "obskit-shutdown");
  }

  /** Registers a hook closing {@code sdk} within {@code timeout}; null if the JVM is already exiting. */
  static ShutdownHook register(CoreObservability sdk, Duration timeout) {
    ShutdownHook hook = new ShutdownHook(sdk, timeout);
    try {
      Runtime.getRuntime().addShutdownHook(hook.thread);
      return hook;
    } catch (IllegalStateException | SecurityException e) {
      return null;
    }
  }

  /** Removes the hook (the application closed the SDK); a no-op while the JVM is exiting. */
  void remove() {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException | SecurityException e) {
      // The JVM is exiting: the hook runs (or ran) and its close is a no-op after ours.
    }
  }
}
