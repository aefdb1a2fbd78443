package dev.obskit.benchmarks.support;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * A metric reader that is registered (so the SDK really aggregates; a meter provider without a
 * reader hands out no-op instruments) but never collects during a run. Recording cost does not
 * depend on the reader, only on there being one with cumulative temporality, which is the
 * default of every exporter the facade's OpenTelemetry backend configures.
 */
public final class IdleMetricReader implements MetricReader {
  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /** Number of metric points collected now: lets a state check that recordings landed. */
  public int collectPointCount() {
    return registration.collectAllMetrics().stream().mapToInt(m -> m.getData().getPoints().size()).sum();
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
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
