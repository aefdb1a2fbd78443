package dev.obskit.api;

/**
 * A bound {@link MetricType#UP_DOWN_COUNTER} instrument: resolved once by name, then cheap to use on the hot
 * path. Obtain it from {@link Observability} and keep it in a field. Thread-safe; never throws.
 */
public interface UpDownCounter {
  /** Adds an amount that may be negative. NaN and infinite amounts are dropped and counted. */
  void add(double value, Labels labels);

  /** Same as {@code add(value, Labels.empty())}. */
  default void add(double value) {
    add(value, Labels.empty());
  }

  /** An instrument that records nothing. */
  static UpDownCounter noop() {
    return NoopInstruments.upDownCounter();
  }
}
