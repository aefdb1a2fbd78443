package dev.obskit.core.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Logs at most one warning per key per interval. Run-time problems (drops, sink failures) can
 * happen on every call; the log must stay readable and cheap, the exact counts live in the
 * self-metrics.
 */
public final class RateLimitedLogger {
  /** Beyond this many distinct keys new keys share one bucket, so user input cannot grow the map. */
  private static final int MAX_KEYS = 4096;
  private static final String OVERFLOW_KEY = "<other>";

  private final System.Logger logger;
  private final long intervalNanos;
  private final ConcurrentHashMap<String, AtomicLong> nextAllowed = new ConcurrentHashMap<>();

  public RateLimitedLogger(System.Logger logger, Duration interval) {
    this.logger = logger;
    this.intervalNanos = Math.max(0, interval.toNanos());
  }

  /** Logs a warning unless one with the same key was logged less than an interval ago. */
  public void warn(String key, Supplier<String> message) {
    warn(key, message, null);
  }

  /** Same as {@link #warn(String, Supplier)} with a cause. */
  public void warn(String key, Supplier<String> message, Throwable cause) {
    if (!tryAcquire(key)) {
      return;
    }
    try {
      String text = message.get() + " (further warnings of this kind are suppressed for "
          + Duration.ofNanos(intervalNanos) + "; counts are in selfMetrics())";
      if (cause != null) {
        logger.log(System.Logger.Level.WARNING, text, cause);
      } else {
        logger.log(System.Logger.Level.WARNING, text);
      }
    } catch (Throwable ignored) {
      Fatal.rethrowIfFatal(ignored);
      // A broken logging setup must not turn a dropped measurement into an application failure.
    }
  }

  boolean tryAcquire(String key) {
    AtomicLong next = nextAllowed.get(key);
    if (next == null) {
      String k = nextAllowed.size() >= MAX_KEYS ? OVERFLOW_KEY : key;
      next = nextAllowed.computeIfAbsent(k, x -> new AtomicLong(Long.MIN_VALUE));
    }
    long now = System.nanoTime();
    long allowedAt = next.get();
    if (allowedAt != Long.MIN_VALUE && now - allowedAt < 0) {
      return false;
    }
    return next.compareAndSet(allowedAt, now + intervalNanos);
  }
}
