package dev.obskit.backend.sentry.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The default {@code server_name}: the local host name, looked up once at init with a bounded
 * wait. {@link InetAddress#getLocalHost()} can throw (no entry for the host name) or hang on a
 * slow resolver; either way init goes on without a server name rather than fail or stall.
 */
final class HostName {
  /** Longest wait for the lookup (Sentry's own host-name cache waits as long). */
  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(1);

  private HostName() {}

  /** The local host name, or null when it cannot be found within {@link #LOOKUP_TIMEOUT}. */
  static String resolve() {
    return resolve(() -> InetAddress.getLocalHost().getHostName(), LOOKUP_TIMEOUT);
  }

  /** {@code lookup}'s non-blank answer, or null when it throws or takes longer than {@code timeout}. */
  static String resolve(Callable<String> lookup, Duration timeout) {
    CompletableFuture<String> result = new CompletableFuture<>();
    // A daemon thread of its own: a lookup that never returns must not keep the JVM alive.
    Thread thread = new Thread(() -> {
      try {
        result.complete(lookup.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "obskit-sentry-hostname");
    thread.setDaemon(true);
    thread.start();
    try {
      String name = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return name == null || name.isBlank() ? null : name;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }
}
