package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.function.Function;

/** Counts failed metric exports and the metric streams they carried. */
final class CountingMetricExporter implements MetricExporter {
  private final MetricExporter delegate;
  private final PendingExports pending;
  /** {@code delegate::export}, bound once rather than per batch. */
  private final Function<Collection<MetricData>, CompletableResultCode> exportCall;

  CountingMetricExporter(MetricExporter delegate, SelfMetrics selfMetrics) {
    this.delegate = delegate;
    this.exportCall = delegate::export;
    this.pending = new PendingExports(selfMetrics, SelfMetricKeys.METRICS_DROPPED);
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return delegate.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return delegate.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    return delegate.getMemoryMode();
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    return pending.export(exportCall, metrics);
  }

  /** Counts exports still running as lost (close ran out of time). */
  void abandonPending() {
    pending.abandonAll();
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
