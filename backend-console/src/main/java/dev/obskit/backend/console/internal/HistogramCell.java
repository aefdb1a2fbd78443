package dev.obskit.backend.console.internal;

import java.util.List;

/**
 * Count, sum, min, max and bucket counts of one histogram series, enough for a median estimate.
 * Synchronized: the console is a development backend, and a short lock is simpler than striping.
 */
final class HistogramCell {
  /** OpenTelemetry's default explicit bucket boundaries, used when the instrument has none. */
  static final double[] DEFAULT_BOUNDS = {0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};

  private final double[] bounds;
  private final long[] counts;
  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  HistogramCell(double[] bounds) {
    this.bounds = bounds;
    this.counts = new long[bounds.length + 1];
  }

  static double[] bounds(List<Double> explicit) {
    if (explicit == null) {
      return DEFAULT_BOUNDS;
    }
    double[] b = new double[explicit.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = explicit.get(i);
    }
    return b;
  }

  synchronized void record(double v) {
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
    int i = 0;
    while (i < bounds.length && v > bounds[i]) {
      i++;
    }
    counts[i]++;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(count, sum, min, max, median());
  }

  /** Linear interpolation inside the bucket holding the middle value, clamped to [min, max]. */
  private double median() {
    if (count == 0) {
      return Double.NaN;
    }
    double target = count / 2.0;
    long before = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && before + counts[i] >= target) {
        double lower = i == 0 ? min : Math.max(min, bounds[i - 1]);
        double upper = i == bounds.length ? max : Math.min(max, bounds[i]);
        double fraction = (target - before) / counts[i];
        return lower + (upper - lower) * fraction;
      }
      before += counts[i];
    }
    return max;
  }

  /** A consistent copy of the cell. */
  static final class Snapshot {
    final long count;
    final double sum;
    final double min;
    final double max;
    final double p50;

    Snapshot(long count, double sum, double min, double max, double p50) {
      this.count = count;
      this.sum = sum;
      this.min = min;
      this.max = max;
      this.p50 = p50;
    }
  }
}
