package dev.obskit.testkit.otlp;

import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One metric (one instrument's data of one export) as it arrived over OTLP, with its resource
 * and scope. Kind-specific helpers read sums, gauges and histograms by label set.
 */
public final class ReceivedMetric {
  /** The OTLP data kinds. */
  public enum Kind {
    /** Monotonic sum (a counter). */
    MONOTONIC_SUM,
    /** Non-monotonic sum (an up-down counter). */
    NON_MONOTONIC_SUM,
    /** Gauge. */
    GAUGE,
    /** Explicit-bucket histogram. */
    HISTOGRAM,
    /** Anything else (exponential histogram, summary). */
    OTHER
  }

  private final Map<String, Object> resource;
  private final String scope;
  private final Metric proto;

  ReceivedMetric(Map<String, Object> resource, String scope, Metric proto) {
    this.resource = resource;
    this.scope = scope;
    this.proto = proto;
  }

  /** Resource attributes. */
  public Map<String, Object> resource() {
    return resource;
  }

  /** The instrumentation scope name. */
  public String scope() {
    return scope;
  }

  /** The protobuf message. */
  public Metric proto() {
    return proto;
  }

  /** The metric name. */
  public String name() {
    return proto.getName();
  }

  /** The unit. */
  public String unit() {
    return proto.getUnit();
  }

  /** The description. */
  public String description() {
    return proto.getDescription();
  }

  /** The data kind. */
  public Kind kind() {
    switch (proto.getDataCase()) {
      case SUM:
        return proto.getSum().getIsMonotonic() ? Kind.MONOTONIC_SUM : Kind.NON_MONOTONIC_SUM;
      case GAUGE:
        return Kind.GAUGE;
      case HISTOGRAM:
        return Kind.HISTOGRAM;
      default:
        return Kind.OTHER;
    }
  }

  /** Sum or gauge points. */
  public List<NumberDataPoint> numberPoints() {
    switch (proto.getDataCase()) {
      case SUM:
        return proto.getSum().getDataPointsList();
      case GAUGE:
        return proto.getGauge().getDataPointsList();
      default:
        return List.of();
    }
  }

  /** Histogram points. */
  public List<HistogramDataPoint> histogramPoints() {
    return proto.getDataCase() == Metric.DataCase.HISTOGRAM ? proto.getHistogram().getDataPointsList() : List.of();
  }

  /** The label sets of all points. */
  public List<Map<String, Object>> labelSets() {
    List<Map<String, Object>> sets = new ArrayList<>();
    numberPoints().forEach(p -> sets.add(OtlpValues.attributes(p.getAttributesList())));
    histogramPoints().forEach(p -> sets.add(OtlpValues.attributes(p.getAttributesList())));
    return Collections.unmodifiableList(sets);
  }

  /** The value of the sum or gauge point with exactly {@code labels}, or null. */
  public Double value(Map<String, ?> labels) {
    for (NumberDataPoint p : numberPoints()) {
      if (OtlpValues.attributes(p.getAttributesList()).equals(labels)) {
        return p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? (double) p.getAsInt() : p.getAsDouble();
      }
    }
    return null;
  }

  /** The histogram point with exactly {@code labels}, or null. */
  public HistogramDataPoint histogram(Map<String, ?> labels) {
    for (HistogramDataPoint p : histogramPoints()) {
      if (OtlpValues.attributes(p.getAttributesList()).equals(labels)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "Metric{" + name() + " " + kind() + (unit().isEmpty() ? "" : " [" + unit() + "]") + " points="
        + labelSets() + '}';
  }
}
