package dev.obskit.backend.otel.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.Registration;
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
 * the facade's dotted names are valid OTel instrument names and are kept as they are. Labels are
 * converted to {@link Attributes} once per {@link Labels} instance and cached on it, so recording
 * through a bound handle with a prebuilt label set allocates nothing here.
 */
final class OtelMetricSink implements MetricSink {
  private static final Labels.ConversionKey<Attributes> ATTRIBUTES = new Labels.ConversionKey<>("otel.attributes");

  private final Meter meter;
  private final Map<InstrumentDescriptor, MetricInstrument> instruments = new ConcurrentHashMap<>();

  OtelMetricSink(Meter meter) {
    this.meter = meter;
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
        return (value, labels) -> counter.add(value, attributes(labels));
      }
      case UP_DOWN_COUNTER: {
        DoubleUpDownCounter counter = meter.upDownCounterBuilder(d.name()).ofDoubles()
            .setUnit(d.unit()).setDescription(d.description()).build();
        return (value, labels) -> counter.add(value, attributes(labels));
      }
      case HISTOGRAM: {
        DoubleHistogramBuilder builder = meter.histogramBuilder(d.name())
            .setUnit(d.unit()).setDescription(d.description());
        if (d.buckets() != null && !d.buckets().isEmpty()) {
          // Advice: a view from configuration (histogram_buckets) still wins over it.
          builder.setExplicitBucketBoundariesAdvice(d.buckets());
        }
        DoubleHistogram histogram = builder.build();
        return (value, labels) -> histogram.record(value, attributes(labels));
      }
      case GAUGE: {
        DoubleGauge gauge = gaugeBuilder(d).build();
        return (value, labels) -> gauge.set(value, attributes(labels));
      }
      default:
        throw new IllegalArgumentException("unknown instrument type " + d.type());
    }
  }

  @Override
  public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
    Attributes attributes = attributes(labels);
    ObservableDoubleGauge gauge = gaugeBuilder(descriptor)
        .buildWithCallback(measurement -> measurement.record(callback.getAsDouble(), attributes));
    return gauge::close;
  }

  private DoubleGaugeBuilder gaugeBuilder(InstrumentDescriptor d) {
    return meter.gaugeBuilder(d.name()).setUnit(d.unit()).setDescription(d.description());
  }

  /** The attributes for {@code labels}, converted once and cached on the labels instance. */
  static Attributes attributes(Labels labels) {
    if (labels.isEmpty()) {
      return Attributes.empty();
    }
    return labels.converted(ATTRIBUTES, OtelMetricSink::convert);
  }

  private static Attributes convert(Labels labels) {
    AttributesBuilder builder = Attributes.builder();
    labels.forEach(builder::put);
    return builder.build();
  }
}
