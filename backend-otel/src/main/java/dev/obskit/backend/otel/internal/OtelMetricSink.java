package dev.obskit.backend.otel.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.Registration;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Metrics on the OpenTelemetry SDK. Each descriptor becomes one OTel instrument, created once;
 * the facade's dotted names are valid OTel instrument names and are kept as they are. Labels
 * become {@link Attributes} once per label set and instrument, when the core binds the set (see
 * {@link OtelInstruments}).
 */
final class OtelMetricSink implements MetricSink {
  private final Meter meter;
  private final SelfMetrics selfMetrics;
  private final Map<InstrumentDescriptor, MetricInstrument> instruments = new ConcurrentHashMap<>();
  private final PendingSums pendingSums;

  OtelMetricSink(Meter meter, SelfMetrics selfMetrics) {
    this.meter = meter;
    this.selfMetrics = selfMetrics;
    this.pendingSums = new PendingSums(meter);
  }

  @Override
  public MetricInstrument instrument(InstrumentDescriptor descriptor) {
    return instruments.computeIfAbsent(descriptor, this::create);
  }

  private MetricInstrument create(InstrumentDescriptor d) {
    switch (d.type()) {
      case COUNTER: {
        DoubleCounter counter = meter.counterBuilder(d.name()).ofDoubles()
            .setUnit(d.unit()).setDescription(d.description()).build();
        return new OtelInstruments.Counter(counter, pendingSums);
      }
      case UP_DOWN_COUNTER: {
        DoubleUpDownCounter counter = meter.upDownCounterBuilder(d.name()).ofDoubles()
            .setUnit(d.unit()).setDescription(d.description()).build();
        return new OtelInstruments.UpDownCounter(counter, pendingSums);
      }
      case HISTOGRAM: {
        DoubleHistogramBuilder builder = meter.histogramBuilder(d.name())
            .setUnit(d.unit()).setDescription(d.description());
        if (d.buckets() != null && !d.buckets().isEmpty()) {
          // Advice: a view from configuration (histogram_buckets) still wins over it.
          builder.setExplicitBucketBoundariesAdvice(d.buckets());
        }
        DoubleHistogram histogram = builder.build();
        return new OtelInstruments.Histogram(histogram);
      }
      case GAUGE: {
        DoubleGauge gauge = gaugeBuilder(d).build();
        return new OtelInstruments.Gauge(gauge);
      }
      default:
        throw new IllegalArgumentException("unknown instrument type " + d.type());
    }
  }

  @Override
  public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
    Attributes attributes = attributes(labels);
    ObservableDoubleGauge gauge = gaugeBuilder(descriptor).buildWithCallback(measurement -> {
      double value = callback.getAsDouble();
      // NaN: the core's stand-in when the application's callback threw (or the callback's own
      // answer). No point at all says "no value". The OTel SDK drops NaN observations
      // too, but only with a FINE log line: skipping here makes the loss visible and counted.
      if (Double.isNaN(value)) {
        selfMetrics.increment(SelfMetricKeys.GAUGE_CALLBACK_SKIPPED);
      } else {
        measurement.record(value, attributes);
      }
    });
    return gauge::close;
  }

  private DoubleGaugeBuilder gaugeBuilder(InstrumentDescriptor d) {
    return meter.gaugeBuilder(d.name()).setUnit(d.unit()).setDescription(d.description());
  }

  /** {@code labels} as OTel attributes. */
  static Attributes attributes(Labels labels) {
    if (labels.isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    labels.forEach(builder::put);
    return builder.build();
  }
}
