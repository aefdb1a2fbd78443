package dev.obskit.benchmarks.support;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The OpenTelemetry SDK used directly: an {@link SdkMeterProvider} with one registered reader
 * that never collects during the run, instruments built once.
 */
@State(Scope.Benchmark)
public class RawOtelMetrics {
  /** The counter, as an application keeps it in a field. */
  public LongCounter counter;
  /** A double-valued counter, the kind the facade's OpenTelemetry backend creates. */
  public DoubleCounter doubleCounter;
  /** Attributes equal to {@link Fixtures#ATTRIBUTES}, in a field instead of a constant. */
  public Attributes attributes = Attributes.of(Fixtures.TYPE, "math", Fixtures.TIER, "gold");
  /** The histogram, as an application keeps it in a field. */
  public DoubleHistogram histogram;

  private SdkMeterProvider provider;
  private IdleMetricReader reader;

  /** Builds the provider and the instruments. */
  @Setup(Level.Trial)
  public void setUp() {
    reader = new IdleMetricReader();
    provider = SdkMeterProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), Fixtures.SERVICE))))
        .registerMetricReader(reader)
        .build();
    Meter meter = provider.get(Fixtures.SCOPE);
    counter = meter.counterBuilder(Fixtures.COUNTER).build();
    doubleCounter = meter.counterBuilder(Fixtures.COUNTER + ".double").ofDoubles().build();
    histogram = meter.histogramBuilder(Fixtures.HISTOGRAM).build();
  }

  /** Fails the run if nothing was recorded, then shuts the provider down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    int points = reader.collectPointCount();
    provider.close();
    if (points == 0) {
      throw new IllegalStateException("raw OpenTelemetry recorded no metric point: the benchmark measured nothing");
    }
  }
}
