package dev.obskit.core.internal.logs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} permits per second, with a burst of one second's worth: a loop that
 * logs on every iteration cannot flood the backends (or the bill), while a normal service never
 * notices. Lock-free (one CAS per permit); never blocks.
 */
final class RateBudget {
  private static final long SECOND = 1_000_000_000L;

  private final long costNanos;
  /** The time at which the budget would be empty again if no permit were taken (GCRA). */
  private final AtomicLong theoreticalArrival = new AtomicLong(Long.MIN_VALUE);

  RateBudget(int perSecond) {
    this.costNanos = Math.max(1, SECOND / Math.max(1, perSecond));
  }

  /** Takes one permit; false when the budget is spent. */
  boolean tryAcquire() {
    long now = System.nanoTime();
    while (true) {
      long tat = theoreticalArrival.get();
      long base = tat == Long.MIN_VALUE || tat - now < 0 ? now : tat;
      if (base - now >= SECOND) {
        return false;
      }
      if (theoreticalArrival.compareAndSet(tat, base + costNanos)) {
        return true;
      }
    }
  }
}
