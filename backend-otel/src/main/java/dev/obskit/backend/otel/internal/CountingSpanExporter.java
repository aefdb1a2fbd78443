package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Counts failed span exports and the spans they carried; releases admission for every batch. */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final SelfMetrics selfMetrics;
  private volatile AdmissionGuard guard;

  CountingSpanExporter(SpanExporter delegate, SelfMetrics selfMetrics) {
    this.delegate = delegate;
    this.selfMetrics = selfMetrics;
  }

  void setGuard(AdmissionGuard guard) {
    this.guard = guard;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    AdmissionGuard g = guard;
    if (g != null) {
      g.released(spans.size());
    }
    CompletableResultCode attempt;
    try {
      attempt = delegate.export(spans);
    } catch (RuntimeException e) {
      attempt = CompletableResultCode.ofExceptionalFailure(e);
    }
    CompletableResultCode result = attempt;
    int count = spans.size();
    result.whenComplete(() -> {
      if (!result.isSuccess()) {
        selfMetrics.increment(SelfMetricKeys.EXPORT_FAILURES);
        selfMetrics.add(SelfMetricKeys.SPANS_DROPPED, count);
        selfMetrics.add(SelfMetricKeys.SPANS_DROPPED_EXPORT_FAILED, count);
      }
    });
    return result;
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
