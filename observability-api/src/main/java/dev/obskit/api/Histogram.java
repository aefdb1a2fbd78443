package dev.obskit.api;

/**
 * A bound {@link MetricType#HISTOGRAM} instrument: resolved once by name, then cheap to use on the hot
 * path. Obtain it from {@link Observability} and keep it in a field. Thread-safe; never throws.
 */
public interface Histogram {
  /** Records one value into the distribution. NaN and infinite values are dropped and counted. */
  void record(double value, Labels labels);

  /** Same as {@code record(value, Labels.empty())}. */
  default void record(double value) {
    record(value, Labels.empty());
  }

  /** An instrument that records nothing. */
  static Histogram noop() {
    return NoopInstruments.histogram();
  }
}
