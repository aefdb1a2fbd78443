package dev.obskit.backend.otel.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.spi.MetricInstrument;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleUpDownCounter;

/**
 * One small final class per instrument type, each calling its OTel instrument directly (a lambda
 * per type would make the recording call site megamorphic across types and cost a dispatch).
 *
 * <p>Each instrument remembers the last label set it saw and its attributes as one immutable
 * pair in a plain field: a bound handle records with the same {@link Labels} every time, so the
 * usual recording costs one identity compare instead of the cached-conversion lookup on the
 * labels (a volatile read and a list walk). The field is racy on purpose: a thread sees either
 * some complete pair (final fields) or an older one, and a miss falls back to the conversion.
 */
final class OtelInstruments {
  private OtelInstruments() {}

  /** The last label set and its attributes; immutable so that a racy publication is safe. */
  private static final class LastLabels {
    final Labels labels;
    final Attributes attributes;

    LastLabels(Labels labels, Attributes attributes) {
      this.labels = labels;
      this.attributes = attributes;
    }
  }

  /** The shared part: the one-entry cache in front of {@link OtelMetricSink#attributes(Labels)}. */
  private abstract static class Cached implements MetricInstrument {
    private LastLabels last = new LastLabels(Labels.empty(), Attributes.empty());

    final Attributes attributes(Labels labels) {
      LastLabels seen = last;
      if (seen.labels == labels) {
        return seen.attributes;
      }
      Attributes converted = OtelMetricSink.attributes(labels);
      last = new LastLabels(labels, converted);
      return converted;
    }
  }

  static final class Counter extends Cached {
    private final DoubleCounter counter;

    Counter(DoubleCounter counter) {
      this.counter = counter;
    }

    @Override
    public void record(double value, Labels labels) {
      counter.add(value, attributes(labels));
    }
  }

  static final class UpDownCounter extends Cached {
    private final DoubleUpDownCounter counter;

    UpDownCounter(DoubleUpDownCounter counter) {
      this.counter = counter;
    }

    @Override
    public void record(double value, Labels labels) {
      counter.add(value, attributes(labels));
    }
  }

  static final class Histogram extends Cached {
    private final DoubleHistogram histogram;

    Histogram(DoubleHistogram histogram) {
      this.histogram = histogram;
    }

    @Override
    public void record(double value, Labels labels) {
      histogram.record(value, attributes(labels));
    }
  }

  static final class Gauge extends Cached {
    private final DoubleGauge gauge;

    Gauge(DoubleGauge gauge) {
      this.gauge = gauge;
    }

    @Override
    public void record(double value, Labels labels) {
      gauge.set(value, attributes(labels));
    }
  }
}
