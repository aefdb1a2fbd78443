package dev.obskit.api.spi;

import dev.obskit.api.Labels;

/**
 * One instrument inside a metric sink: the hot path. The meaning of {@code record} follows the
 * descriptor's type (counter and up-down counter: add; histogram: record; gauge: set). Values
 * arrive already validated (finite; non-negative for counters). Must not allocate per call when
 * the same {@link Labels} instance is reused (see {@link Labels#converted}).
 */
@FunctionalInterface
public interface MetricInstrument {
  /** Records one value. */
  void record(double value, Labels labels);

  /** An instrument that drops everything. */
  static MetricInstrument noop() {
    return (value, labels) -> {};
  }
}
