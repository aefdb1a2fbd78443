package dev.obskit.api;

/**
 * A bound {@link MetricType#GAUGE} instrument: resolved once by name, then cheap to use on the hot
 * path. Obtain it from {@link Observability} and keep it in a field. Thread-safe; never throws.
 */
public interface Gauge {
  /** Sets the current value for these labels. NaN and infinite values are dropped and counted. */
  void set(double value, Labels labels);

  /** Same as {@code set(value, Labels.empty())}. */
  default void set(double value) {
    set(value, Labels.empty());
  }

  /** An instrument that records nothing. */
  static Gauge noop() {
    return NoopInstruments.gauge();
  }
}
