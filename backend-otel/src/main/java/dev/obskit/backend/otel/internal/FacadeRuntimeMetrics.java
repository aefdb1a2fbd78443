package dev.obskit.backend.otel.internal;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * JVM runtime metrics (OpenTelemetry's runtime-telemetry library) for metric backends other than
 * otel: the library records into a private meter provider, and every interval its readings are
 * recorded through the facade, so they reach whatever {@code routing.metrics} names (console,
 * memory, ...). Gauges and up-down sums become facade gauges, monotonic sums facade counters (by
 * their increase since the last reading). A histogram reading ({@code jvm.gc.duration}) keeps its
 * count and sum: each of its new values is recorded at the interval's mean, the one lossy part
 * (the otel backend, when it takes metrics itself, records the library's values unchanged).
 */
final class FacadeRuntimeMetrics implements AutoCloseable {
  private static final int MAX_REPLAYED_PER_READING = 10_000;

  private final Observability facade;
  private final Reader reader = new Reader();
  private final SdkMeterProvider provider;
  private final RuntimeTelemetry runtime;
  private final ScheduledExecutorService timer;
  private final Map<String, Object> instruments = new ConcurrentHashMap<>();

  private FacadeRuntimeMetrics(Observability facade, Duration interval) {
    this.facade = facade;
    this.provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    OpenTelemetry metricsOnly = OpenTelemetrySdk.builder().setMeterProvider(provider).build();
    this.runtime = RuntimeTelemetry.create(metricsOnly);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "obskit-runtime-metrics");
      t.setDaemon(true);
      return t;
    });
    long millis = Math.max(1, interval.toMillis());
    timer.scheduleAtFixedRate(this::forwardQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  static FacadeRuntimeMetrics start(Observability facade, Duration interval) {
    return new FacadeRuntimeMetrics(facade, interval);
  }

  /** Records the current readings through the facade (also called at flush). */
  synchronized void forward() {
    for (MetricData metric : reader.collect()) {
      InstrumentOptions options = InstrumentOptions.builder().unit(metric.getUnit())
          .description(metric.getDescription()).build();
      switch (metric.getType()) {
        case DOUBLE_GAUGE -> metric.getDoubleGaugeData().getPoints().forEach(p -> gauge(metric, options).set(p.getValue(), labels(p)));
        case LONG_GAUGE -> metric.getLongGaugeData().getPoints().forEach(p -> gauge(metric, options).set(p.getValue(), labels(p)));
        case DOUBLE_SUM -> {
          boolean monotonic = metric.getDoubleSumData().isMonotonic();
          for (DoublePointData p : metric.getDoubleSumData().getPoints()) {
            sum(metric, options, monotonic, p.getValue(), p);
          }
        }
        case LONG_SUM -> {
          boolean monotonic = metric.getLongSumData().isMonotonic();
          for (LongPointData p : metric.getLongSumData().getPoints()) {
            sum(metric, options, monotonic, p.getValue(), p);
          }
        }
        case HISTOGRAM -> {
          for (HistogramPointData p : metric.getHistogramData().getPoints()) {
            long count = Math.min(p.getCount(), MAX_REPLAYED_PER_READING);
            if (count > 0) {
              Histogram histogram = (Histogram) instruments.computeIfAbsent(metric.getName(),
                  n -> facade.histogram(n, options));
              double mean = p.getSum() / p.getCount();
              Labels labels = labels(p);
              for (long i = 0; i < count; i++) {
                histogram.record(mean, labels);
              }
            }
          }
        }
        default -> {
          // Exponential histograms and summaries: the runtime library records none.
        }
      }
    }
  }

  private void sum(MetricData metric, InstrumentOptions options, boolean monotonic, double value, PointData point) {
    if (monotonic) {
      // Delta temporality (see Reader): the point is the increase since the last reading.
      if (value > 0) {
        ((Counter) instruments.computeIfAbsent(metric.getName(), n -> facade.counter(n, options)))
            .add(value, labels(point));
      }
    } else {
      gauge(metric, options).set(value, labels(point));
    }
  }

  private Gauge gauge(MetricData metric, InstrumentOptions options) {
    return (Gauge) instruments.computeIfAbsent(metric.getName(), n -> facade.gauge(n, options));
  }

  private static Labels labels(PointData point) {
    Attributes attributes = point.getAttributes();
    if (attributes.isEmpty()) {
      return Labels.empty();
    }
    Labels.Builder builder = Labels.builder();
    attributes.forEach((key, value) -> builder.put(key.getKey(), String.valueOf(value)));
    return builder.build();
  }

  private void forwardQuietly() {
    try {
      forward();
    } catch (RuntimeException e) {
      // The facade never throws; the library's own faults must not kill the timer either.
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    runtime.close();
    provider.close();
  }

  /** Pull-only reader: counters and histograms as deltas, levels as they are. */
  private static final class Reader implements MetricReader {
    private static final AggregationTemporalitySelector TEMPORALITY = AggregationTemporalitySelector.deltaPreferred();
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    java.util.Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return TEMPORALITY.getAggregationTemporality(type);
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
