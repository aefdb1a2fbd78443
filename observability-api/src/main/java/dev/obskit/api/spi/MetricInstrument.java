package dev.obskit.api.spi;

import dev.obskit.api.Labels;

/**
 * One instrument inside a metric sink. The meaning of a recording follows the descriptor's type
 * (counter and up-down counter: add; histogram: record; gauge: set). Values arrive already
 * validated (finite; non-negative for counters).
 *
 * <p>The core records through {@link #bind series}: it binds each label set its cardinality
 * budget admits once, keeps the series for the life of the SDK, and records every measurement
 * with an equal label set through it. A backend that converts labels to its own form (for
 * example OpenTelemetry {@code Attributes}) overrides {@link #bind} and converts there, once.
 */
@FunctionalInterface
public interface MetricInstrument {
  /** Records one value. */
  void record(double value, Labels labels);

  /**
   * This instrument with one label set fixed. Called once per admitted label set; recording
   * through the series must not allocate. The default records through {@link #record}.
   */
  default Series bind(Labels labels) {
    return value -> record(value, labels);
  }

  /** An instrument that drops everything. */
  static MetricInstrument noop() {
    return (value, labels) -> {};
  }

  /** An instrument and one label set: one time series. */
  @FunctionalInterface
  interface Series {
    /** Records one value (see {@link MetricInstrument} for what recording means per type). */
    void record(double value);
  }
}
