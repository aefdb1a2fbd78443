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

/** Counts failed metric exports and the metric streams they carried. */
final class CountingMetricExporter implements MetricExporter {
  private final MetricExporter delegate;
  private final PendingExports pending;

  CountingMetricExporter(MetricExporter delegate, SelfMetrics selfMetrics) {
    this.delegate = delegate;
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
    CompletableResultCode attempt;
    try {
      attempt = delegate.export(metrics);
    } catch (RuntimeException e) {
      attempt = CompletableResultCode.ofExceptionalFailure(e);
    }
    CompletableResultCode result = attempt;
    pending.track(result, metrics.size());
    return result;
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
