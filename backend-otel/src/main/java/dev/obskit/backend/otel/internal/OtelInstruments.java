package dev.obskit.backend.otel.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.spi.MetricInstrument;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleUpDownCounter;

/**
 * The facade's instrument types on the OpenTelemetry SDK's synchronous instruments. Each label
 * set the core binds is converted to {@link Attributes} once, in {@link MetricInstrument#bind}.
 * Histograms and gauges then call the SDK instrument with those attributes on every recording;
 * counters and up-down counters add into a per-series sum handed to the SDK at each collection
 * ({@link PendingSums}).
 */
final class OtelInstruments {
  private OtelInstruments() {}

  /** A counter: recordings of a bound label set are pre-aggregated (see {@link PendingSums}). */
  static final class Counter implements MetricInstrument {
    private final DoubleCounter counter;
    private final PendingSums sums;

    Counter(DoubleCounter counter, PendingSums sums) {
      this.counter = counter;
      this.sums = sums;
    }

    @Override
    public void record(double value, Labels labels) {
      counter.add(value, OtelMetricSink.attributes(labels));
    }

    @Override
    public Series bind(Labels labels) {
      return sums.register(counter::add, OtelMetricSink.attributes(labels));
    }
  }

  /** An up-down counter, pre-aggregated like {@link Counter}. */
  static final class UpDownCounter implements MetricInstrument {
    private final DoubleUpDownCounter counter;
    private final PendingSums sums;

    UpDownCounter(DoubleUpDownCounter counter, PendingSums sums) {
      this.counter = counter;
      this.sums = sums;
    }

    @Override
    public void record(double value, Labels labels) {
      counter.add(value, OtelMetricSink.attributes(labels));
    }

    @Override
    public Series bind(Labels labels) {
      return sums.register(counter::add, OtelMetricSink.attributes(labels));
    }
  }

  static final class Histogram implements MetricInstrument {
    private final DoubleHistogram histogram;

    Histogram(DoubleHistogram histogram) {
      this.histogram = histogram;
    }

    @Override
    public void record(double value, Labels labels) {
      histogram.record(value, OtelMetricSink.attributes(labels));
    }

    @Override
    public Series bind(Labels labels) {
      Attributes attributes = OtelMetricSink.attributes(labels);
      return value -> histogram.record(value, attributes);
    }
  }

  static final class Gauge implements MetricInstrument {
    private final DoubleGauge gauge;

    Gauge(DoubleGauge gauge) {
      this.gauge = gauge;
    }

    @Override
    public void record(double value, Labels labels) {
      gauge.set(value, OtelMetricSink.attributes(labels));
    }

    @Override
    public Series bind(Labels labels) {
      Attributes attributes = OtelMetricSink.attributes(labels);
      return value -> gauge.set(value, attributes);
    }
  }
}
