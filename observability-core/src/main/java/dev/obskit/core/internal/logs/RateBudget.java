package dev.obskit.core.internal.logs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} permits per second, with a burst of one second's worth: a loop that
 * logs on every iteration cannot flood the backends (or the bill), while a normal service never
 * notices. Lock-free (one CAS per permit); never blocks.
 *
 * <p>Time is the record's own time in milliseconds, which the logging framework has read
 * already, rather than a second clock read per record. A wall clock can jump: a theoretical
 * arrival more than two seconds ahead of now is taken as a clock set back and starts afresh.
 */
final class RateBudget {
  private static final long SECOND = 1_000_000_000L;
  private static final long CLOCK_JUMP = 2 * SECOND;

  private final long costNanos;
  /** The time (epoch nanoseconds, millisecond resolution) at which the budget is full again (GCRA). */
  private final AtomicLong theoreticalArrival = new AtomicLong(Long.MIN_VALUE);

  RateBudget(int perSecond) {
    this.costNanos = Math.max(1, SECOND / Math.max(1, perSecond));
  }

  /** Takes one permit at {@code epochMillis}; false when the budget is spent. */
  boolean tryAcquire(long epochMillis) {
    long now = epochMillis * 1_000_000L;
    while (true) {
      long tat = theoreticalArrival.get();
      long base = tat == Long.MIN_VALUE || tat - now < 0 || tat - now > CLOCK_JUMP ? now : tat;
      if (base - now >= SECOND) {
        return false;
      }
      if (theoreticalArrival.compareAndSet(tat, base + costNanos)) {
        return true;
      }
    }
  }
}
