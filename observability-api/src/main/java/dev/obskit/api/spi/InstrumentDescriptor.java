package dev.obskit.api.spi;

import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.MetricType;
import java.util.List;
import java.util.Objects;

/** What a metric sink needs to create an instrument. Immutable; equal descriptors, same instrument. */
public final class InstrumentDescriptor {
  private final String name;
  private final MetricType type;
  private final String unit;
  private final String description;
  private final List<Double> buckets;

  private InstrumentDescriptor(String name, MetricType type, String unit, String description, List<Double> buckets) {
    this.name = name;
    this.type = type;
    this.unit = unit;
    this.description = description;
    this.buckets = buckets;
  }

  /** A descriptor from a validated name, a type and the user's options. */
  public static InstrumentDescriptor of(String name, MetricType type, InstrumentOptions options) {
    return new InstrumentDescriptor(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"),
        options.unit(), options.description(), options.buckets());
  }

  /** The metric name as the user wrote it (dotted, e.g. {@code questions.generated}). */
  public String name() {
    return name;
  }

  /** The instrument type. */
  public MetricType type() {
    return type;
  }

  /** The unit, or empty. */
  public String unit() {
    return unit;
  }

  /** The description, or empty. */
  public String description() {
    return description;
  }

  /** Explicit histogram buckets, or null for the backend's (or configuration's) default. */
  public List<Double> buckets() {
    return buckets;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InstrumentDescriptor)) {
      return false;
    }
    InstrumentDescriptor d = (InstrumentDescriptor) o;
    return name.equals(d.name) && type == d.type && unit.equals(d.unit) && description.equals(d.description)
        && Objects.equals(buckets, d.buckets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, unit, description, buckets);
  }

  @Override
  public String toString() {
    return type + " " + name + (unit.isEmpty() ? "" : " [" + unit + "]");
  }
}
