package dev.obskit.it.readback;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a peer until a condition holds or a deadline passes: the tests' only way to wait. */
public final class Poll {
  private static final long INTERVAL_MILLIS = 200;

  private Poll() {}

  /**
   * Calls {@code probe} every {@value #INTERVAL_MILLIS} ms until {@code done} accepts its result;
   * returns that result, or fails with the last value seen when {@code timeout} passes.
   */
  public static <T> T until(String what, Supplier<T> probe, Predicate<T> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (true) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: "
            + Json.abbreviate(String.valueOf(last)));
      }
      try {
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS); // poll interval, bounded by the deadline above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
