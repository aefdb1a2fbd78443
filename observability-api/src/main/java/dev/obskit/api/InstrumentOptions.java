package dev.obskit.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Optional properties of an instrument: unit, description and, for histograms, explicit
 * bucket boundaries. Immutable.
 *
 * <pre>{@code
 * Histogram latency = obs.histogram("generation.duration",
 *     InstrumentOptions.builder().unit("ms").buckets(5, 10, 25, 50, 100, 250).build());
 * }</pre>
 */
public final class InstrumentOptions {
  private static final InstrumentOptions DEFAULTS = new InstrumentOptions(builder());

  private final String unit;
  private final String description;
  private final List<Double> buckets;

  private InstrumentOptions(Builder b) {
    this.unit = b.unit;
    this.description = b.description;
    this.buckets = b.buckets == null ? null : Collections.unmodifiableList(new ArrayList<>(b.buckets));
  }

  /** No unit, no description, the backend's default buckets. */
  public static InstrumentOptions defaults() {
    return DEFAULTS;
  }

  /** Only a unit (UCUM-style, e.g. {@code ms}, {@code By}, {@code 1}). */
  public static InstrumentOptions unit(String unit) {
    return builder().unit(unit).build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The unit, or empty string when none. */
  public String unit() {
    return unit;
  }

  /** The description, or empty string when none. */
  public String description() {
    return description;
  }

  /** Explicit histogram bucket boundaries, ascending, or null for the backend's defaults. */
  public List<Double> buckets() {
    return buckets;
  }

  @Override
  public String toString() {
    return "InstrumentOptions{unit=" + unit + ", description=" + description + ", buckets=" + buckets + '}';
  }

  /** Builds {@link InstrumentOptions}. */
  public static final class Builder {
    private String unit = "";
    private String description = "";
    private List<Double> buckets;

    private Builder() {}

    /** Sets the unit. */
    public Builder unit(String unit) {
      this.unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /** Sets the description. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Sets explicit bucket boundaries for a histogram.
     *
     * @throws IllegalArgumentException unless the boundaries are finite and strictly ascending
     */
    public Builder buckets(double... boundaries) {
      List<Double> list = new ArrayList<>(boundaries.length);
      for (int i = 0; i < boundaries.length; i++) {
        double b = boundaries[i];
        if (Double.isNaN(b) || Double.isInfinite(b)) {
          throw new IllegalArgumentException("bucket boundary " + i + " is not finite: " + b);
        }
        if (i > 0 && b <= boundaries[i - 1]) {
          throw new IllegalArgumentException("bucket boundaries must be strictly ascending, but "
              + boundaries[i - 1] + " is followed by " + b);
        }
        list.add(b);
      }
      this.buckets = list;
      return this;
    }

    /** The options. */
    public InstrumentOptions build() {
      return new InstrumentOptions(this);
    }
  }
}
