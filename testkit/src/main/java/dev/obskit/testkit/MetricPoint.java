package dev.obskit.testkit;

import dev.obskit.api.Labels;

/**
 * One value an instrument received, in arrival order: an increment for counters and up-down
 * counters, a sample for histograms, a new value for gauges.
 *
 * @param value the recorded value
 * @param labels the label set it was recorded with
 */
public record MetricPoint(double value, Labels labels) {
  @Override
  public String toString() {
    return labels + "=" + RecordedMetric.format(value);
  }
}
