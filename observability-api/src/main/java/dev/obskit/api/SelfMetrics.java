package dev.obskit.api;

import java.util.Map;

/**
 * The SDK's own counters: what was dropped and why, which sink failed how often. Keys are
 * dotted names documented in the README (for example {@code dropped.invalid_name},
 * {@code sink_failures.otel.metrics}). Thread-safe and cheap to increment.
 */
public interface SelfMetrics {
  /** Adds one to {@code key}. */
  default void increment(String key) {
    add(key, 1);
  }

  /** Adds {@code amount} to {@code key}. */
  void add(String key, long amount);

  /** The current value of {@code key}; 0 if never incremented. */
  long get(String key);

  /** A point-in-time copy of every non-zero counter, sorted by key. */
  Map<String, Long> snapshot();
}
