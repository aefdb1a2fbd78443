package dev.obskit.testkit;

import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A point-in-time copy of one instrument: its descriptor, every point it received and, for
 * callback gauges, the values their callbacks returned when this copy was taken.
 *
 * <p>The derived views follow the instrument type: {@link #total(Labels)} sums the points
 * (counters, up-down counters), {@link #lastValue(Labels)} is the latest value (gauges; a
 * callback reading wins over recorded points), {@link #values(Labels)} lists the samples
 * (histograms).
 *
 * @param name the instrument name
 * @param type the instrument type
 * @param unit the unit, or empty
 * @param description the description, or empty
 * @param buckets explicit histogram buckets, or null
 * @param points every recorded point in arrival order
 * @param callbackValues label set to the value read from each registered callback gauge now;
 *     a callback that threw reads as NaN
 */
public record RecordedMetric(
    String name,
    MetricType type,
    String unit,
    String description,
    List<Double> buckets,
    List<MetricPoint> points,
    Map<Labels, Double> callbackValues) {

  /** The distinct label sets seen (points and callbacks), in first-seen order. */
  public List<Labels> labelSets() {
    List<Labels> sets = new ArrayList<>();
    for (MetricPoint p : points) {
      if (!sets.contains(p.labels())) {
        sets.add(p.labels());
      }
    }
    callbackValues.keySet().stream().filter(l -> !sets.contains(l)).forEach(sets::add);
    return Collections.unmodifiableList(sets);
  }

  /** The sum of every point recorded with exactly {@code labels}. */
  public double total(Labels labels) {
    double sum = 0;
    for (MetricPoint p : points) {
      if (p.labels().equals(labels)) {
        sum += p.value();
      }
    }
    return sum;
  }

  /** The sum of every point, whatever its labels. */
  public double total() {
    double sum = 0;
    for (MetricPoint p : points) {
      sum += p.value();
    }
    return sum;
  }

  /** Sum per label set, in first-seen order. */
  public Map<Labels, Double> totals() {
    Map<Labels, Double> totals = new LinkedHashMap<>();
    for (MetricPoint p : points) {
      totals.merge(p.labels(), p.value(), Double::sum);
    }
    return Collections.unmodifiableMap(totals);
  }

  /** The samples recorded with exactly {@code labels}, in order. */
  public List<Double> values(Labels labels) {
    List<Double> values = new ArrayList<>();
    for (MetricPoint p : points) {
      if (p.labels().equals(labels)) {
        values.add(p.value());
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** The number of points recorded with exactly {@code labels} (a histogram's count). */
  public long count(Labels labels) {
    return points.stream().filter(p -> p.labels().equals(labels)).count();
  }

  /**
   * The latest value for {@code labels}: the callback reading if a callback gauge is registered
   * for them, else the last recorded point; empty if neither.
   */
  public OptionalDouble lastValue(Labels labels) {
    Double fromCallback = callbackValues.get(labels);
    if (fromCallback != null) {
      return OptionalDouble.of(fromCallback);
    }
    for (int i = points.size() - 1; i >= 0; i--) {
      if (points.get(i).labels().equals(labels)) {
        return OptionalDouble.of(points.get(i).value());
      }
    }
    return OptionalDouble.empty();
  }

  /** The latest value per label set (see {@link #lastValue(Labels)}). */
  public Map<Labels, Double> lastValues() {
    Map<Labels, Double> last = new LinkedHashMap<>();
    for (MetricPoint p : points) {
      last.put(p.labels(), p.value());
    }
    last.putAll(callbackValues);
    return Collections.unmodifiableMap(last);
  }

  /**
   * A one-line summary per label set in the form used by assertion messages, e.g. {@code
   * questions.generated{type=code}=2} for a counter or {@code latency{}=count 3, sum 42} for a
   * histogram.
   */
  public List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    if (points.isEmpty() && callbackValues.isEmpty()) {
      lines.add(name + " (no points)");
      return lines;
    }
    switch (type) {
      case COUNTER, UP_DOWN_COUNTER -> totals().forEach((l, v) -> lines.add(name + l + "=" + format(v)));
      case HISTOGRAM -> {
        for (Labels l : labelSets()) {
          List<Double> vs = values(l);
          double sum = vs.stream().mapToDouble(Double::doubleValue).sum();
          lines.add(name + l + "=count " + vs.size() + ", sum " + format(sum));
        }
      }
      case GAUGE -> lastValues().forEach((l, v) -> lines.add(name + l + "=" + format(v)
          + (callbackValues.containsKey(l) ? " (callback)" : "")));
      default -> throw new IllegalStateException("unknown type " + type);
    }
    return lines;
  }

  /** Formats a value without a trailing {@code .0} for whole numbers. */
  static String format(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return type + " " + name + (unit.isEmpty() ? "" : " [" + unit + "]") + " " + summaryLines();
  }
}
