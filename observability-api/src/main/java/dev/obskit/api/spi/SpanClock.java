package dev.obskit.api.spi;

import java.time.Instant;

/**
 * Span times in epoch nanoseconds: one wall-clock reading at class load plus {@link
 * System#nanoTime()} after it, so a span's duration is never negative even when the wall clock
 * is set back. The core uses it whenever it passes times to backends (several trace backends get
 * the very same times); a backend without a clock of its own uses it through the default
 * time-less {@link SpanHandle} methods.
 */
public final class SpanClock {
  private static final long ANCHOR_NANO_TIME;
  private static final long ANCHOR_EPOCH_NANOS;

  static {
    Instant now = Instant.now();
    ANCHOR_NANO_TIME = System.nanoTime();
    ANCHOR_EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private SpanClock() {}

  /** Now, in nanoseconds since the epoch. */
  public static long nowEpochNanos() {
    return ANCHOR_EPOCH_NANOS + (System.nanoTime() - ANCHOR_NANO_TIME);
  }
}
