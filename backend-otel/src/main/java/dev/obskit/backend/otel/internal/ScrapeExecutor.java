package dev.obskit.backend.otel.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the Prometheus scrape endpoint: a small pool of daemon threads whose running
 * scrapes close can wait for ({@link #awaitIdle}), instead of cutting their connection.
 */
final class ScrapeExecutor extends ThreadPoolExecutor {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private ScrapeExecutor() {
    super(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "obskit-prometheus-scrape-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  static ScrapeExecutor create() {
    return new ScrapeExecutor();
  }

  /** Waits until no scrape is running or queued, at most {@code timeout}. */
  void awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    while ((getActiveCount() > 0 || !getQueue().isEmpty()) && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
