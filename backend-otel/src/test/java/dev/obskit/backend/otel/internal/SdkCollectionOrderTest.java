package dev.obskit.backend.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OpenTelemetry SDK behaviour that {@link PendingSums} relies on and that the SDK does not
 * document: within one collection, a meter's callbacks run before that meter's synchronous
 * instruments are read, so what a callback adds to a synchronous counter is in the same
 * collection. Only the SDK is used here, no obskit code. If this fails after an SDK upgrade,
 * pre-aggregated counters would report their additions one collection late (and lose the last
 * ones at shutdown): send counter recordings to the SDK directly instead.
 */
class SdkCollectionOrderTest {

  @ParameterizedTest
  @EnumSource(value = AggregationTemporality.class)
  void aMetersCallbacksRunBeforeItsSynchronousInstrumentsAreRead(AggregationTemporality temporality) {
    Reader reader = new Reader(temporality);
    try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      Meter meter = provider.get("order");
      DoubleCounter counter = meter.counterBuilder("flushed").ofDoubles().build();
      AtomicInteger callbacks = new AtomicInteger();
      meter.batchCallback(() -> counter.add(callbacks.incrementAndGet()),
          meter.gaugeBuilder("anchor").buildObserver());

      for (int collection = 1; collection <= 3; collection++) {
        List<Double> values = values(reader.collect(), "flushed");
        double expected = temporality == AggregationTemporality.DELTA
            ? collection
            : collection * (collection + 1) / 2.0;
        assertThat(values).as("collection %d (%s)", collection, temporality).containsExactly(expected);
      }
    }
  }

  @Test
  void theLastCollectionAtShutdownRunsTheCallbacksToo() {
    Reader reader = new Reader(AggregationTemporality.CUMULATIVE);
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    Meter meter = provider.get("order");
    DoubleCounter counter = meter.counterBuilder("flushed").ofDoubles().build();
    meter.batchCallback(() -> counter.add(5), meter.gaugeBuilder("anchor").buildObserver());
    provider.close();
    assertThat(values(reader.lastAtShutdown, "flushed")).containsExactly(5.0);
  }

  private static List<Double> values(Collection<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getDoubleSumData().getPoints().stream())
        .map(DoublePointData::getValue).collect(Collectors.toList());
  }

  /** A reader collected by the test; collects once more on shutdown, as exporting readers do. */
  private static final class Reader implements MetricReader {
    private final AggregationTemporality temporality;
    private volatile CollectionRegistration registration = CollectionRegistration.noop();
    volatile Collection<MetricData> lastAtShutdown = List.of();

    Reader(AggregationTemporality temporality) {
      this.temporality = temporality;
    }

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return temporality;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      lastAtShutdown = collect();
      return CompletableResultCode.ofSuccess();
    }
  }
}
