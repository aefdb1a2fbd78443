package dev.obskit.core.internal.trace;

import java.time.Instant;

/**
 * Epoch nanoseconds from one wall-clock anchor plus {@link System#nanoTime()}, so that span
 * durations are monotonic and primary and mirrors get the very same timestamps.
 */
public final class EpochClock {
  private final long anchorEpochNanos;
  private final long anchorNanoTime;

  public EpochClock() {
    Instant now = Instant.now();
    this.anchorNanoTime = System.nanoTime();
    this.anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Now in epoch nanoseconds, monotonic within this clock. */
  public long nowEpochNanos() {
    return anchorEpochNanos + (System.nanoTime() - anchorNanoTime);
  }
}
