package dev.obskit.testkit;

import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one named instrument: its label sets and the values derived from its points.
 * Without {@link #withLabels(Labels)} the value checks cover every label set together (total of
 * all points, count of all samples); with it, exactly that label set. Failures list every
 * recorded instrument of the same type, e.g. {@code questions.generated{type=code}=2}.
 */
public final class MetricAssert extends AbstractAssert<MetricAssert, TestTelemetry> {
  private static final double TOLERANCE = 1e-9;

  private final TelemetryAssert parent;
  private final String name;
  private final MetricType type;
  private final List<RecordedMetric> matches;
  private Labels labels;

  MetricAssert(TelemetryAssert parent, String name, MetricType type) {
    super(parent.telemetry(), MetricAssert.class);
    this.parent = parent;
    this.name = name;
    this.type = type;
    if (parent.description() != null) {
      describedAs(parent.description());
    }
    this.matches = actual.metrics(name).stream().filter(m -> type == null || m.type() == type).toList();
    if (matches.isEmpty()) {
      List<String> otherTypes = actual.metrics(name).stream().map(m -> noun(m.type())).toList();
      fail("expected " + article(type) + " '" + name + "' but " + recordedList()
          + (otherTypes.isEmpty() ? "" : "\n('" + name + "' was recorded as " + String.join(", ", otherTypes) + ")"));
    }
  }

  /** Back to the telemetry, to assert on another signal. */
  public TelemetryAssert and() {
    return parent;
  }

  /** The recorded instrument (the first one if several share the name). */
  public RecordedMetric metric() {
    return matches.get(0);
  }

  /** Selects the label set {@code labels}; fails if no point or callback has exactly these labels. */
  public MetricAssert withLabels(Labels labels) {
    this.labels = labels;
    if (matches.stream().noneMatch(m -> m.labelSets().contains(labels))) {
      fail("expected " + article(type) + " '" + name + "' with labels " + labels + " but " + recordedList());
    }
    return this;
  }

  /** Selects the label set given as alternating keys and values. */
  public MetricAssert withLabels(String... keyValues) {
    return withLabels(Labels.ofPairs(keyValues));
  }

  /** The instrument has the unit {@code unit}. */
  public MetricAssert withUnit(String unit) {
    if (matches.stream().noneMatch(m -> m.unit().equals(unit))) {
      fail("expected " + article(type) + " '" + name + "' with unit '" + unit + "' but its unit was '"
          + metric().unit() + "'");
    }
    return this;
  }

  /** The sum of the points (counters, up-down counters) equals {@code expected}. */
  public MetricAssert withTotal(double expected) {
    double total = matches.stream().mapToDouble(m -> labels == null ? m.total() : m.total(labels)).sum();
    check("total", expected, total);
    return this;
  }

  /** The number of points (a histogram's count) equals {@code expected}. */
  public MetricAssert withCount(long expected) {
    long count = matches.stream().mapToLong(m -> labels == null ? m.points().size() : m.count(labels)).sum();
    if (count != expected) {
      fail(expectation() + " to have count " + expected + " but it was " + count + "; " + recordedList());
    }
    return this;
  }

  /** The sum of the samples (a histogram's sum) equals {@code expected}. */
  public MetricAssert withSum(double expected) {
    return withTotalNamed("sum", expected);
  }

  private MetricAssert withTotalNamed(String what, double expected) {
    double sum = matches.stream().mapToDouble(m -> labels == null ? m.total() : m.total(labels)).sum();
    check(what, expected, sum);
    return this;
  }

  /** The samples, in order, are exactly {@code expected} (needs {@link #withLabels}). */
  public MetricAssert withValues(double... expected) {
    List<Double> values = new ArrayList<>();
    matches.forEach(m -> values.addAll(labels == null ? m.points().stream().map(MetricPoint::value).toList() : m.values(labels)));
    List<Double> wanted = new ArrayList<>();
    for (double d : expected) {
      wanted.add(d);
    }
    if (!values.equals(wanted)) {
      fail(expectation() + " to have values " + wanted + " but they were " + values + "; " + recordedList());
    }
    return this;
  }

  /**
   * The latest value (gauges: a callback reading, else the last point) equals {@code expected}.
   * Without {@link #withLabels} the instrument must have a single label set.
   */
  public MetricAssert withValue(double expected) {
    Labels selected = labels;
    if (selected == null) {
      List<Labels> sets = metric().labelSets();
      if (sets.size() != 1) {
        fail(expectation() + " to have value " + RecordedMetric.format(expected) + " but it has " + sets.size()
            + " label sets; choose one with withLabels(..); " + recordedList());
      }
      selected = sets.get(0);
    }
    OptionalDouble value = metric().lastValue(selected);
    double v = value.orElse(Double.NaN);
    if (!close(expected, v)) {
      fail(expectation() + " to have value " + RecordedMetric.format(expected) + " but it was "
          + RecordedMetric.format(v) + "; " + recordedList());
    }
    return this;
  }

  private void check(String what, double expected, double value) {
    if (!close(expected, value)) {
      fail(expectation() + " to have " + what + " " + RecordedMetric.format(expected) + " but it was "
          + RecordedMetric.format(value) + "; " + recordedList());
    }
  }

  private static boolean close(double expected, double value) {
    return Double.compare(expected, value) == 0 || Math.abs(expected - value) <= TOLERANCE * Math.max(1, Math.abs(expected));
  }

  private String expectation() {
    return "expected " + noun(type) + " '" + name + "'" + (labels == null ? " (all labels)" : " with labels " + labels);
  }

  private String recordedList() {
    List<String> lines = new ArrayList<>();
    actual.metrics().stream().filter(m -> type == null || m.type() == type)
        .forEach(m -> lines.addAll(m.summaryLines()));
    return "recorded " + plural(type) + " were: " + (lines.isEmpty() ? "none" : String.join(", ", lines));
  }

  private void fail(String message) {
    failWithMessage("%s", message);
  }

  private static String noun(MetricType type) {
    return type == null ? "metric" : type.name().toLowerCase(Locale.ROOT).replace("up_down_", "up-down ");
  }

  private static String article(MetricType type) {
    String noun = noun(type);
    return (noun.startsWith("u") ? "an " : "a ") + noun;
  }

  private static String plural(MetricType type) {
    return noun(type) + "s";
  }
}
