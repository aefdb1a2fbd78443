package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Function;

/** Counts failed span exports and the spans they carried; releases admission for every batch. */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final PendingExports pending;
  /** {@code delegate::export}, bound once rather than per batch. */
  private final Function<Collection<SpanData>, CompletableResultCode> exportCall;
  private volatile AdmissionGuard guard;

  CountingSpanExporter(SpanExporter delegate, SelfMetrics selfMetrics) {
    this.delegate = delegate;
    this.exportCall = delegate::export;
    this.pending = new PendingExports(selfMetrics, SelfMetricKeys.SPANS_DROPPED, SelfMetricKeys.SPANS_DROPPED_EXPORT_FAILED);
  }

  void setGuard(AdmissionGuard guard) {
    this.guard = guard;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    AdmissionGuard g = guard;
    if (g == null) {
      return pending.export(exportCall, spans);
    }
    int count = spans.size();
    return pending.export(exportCall, spans, () -> g.released(count));
  }

  /**
   * Close ran out of time: counts the spans still queued behind the guard and those of exports
   * still running as lost, each span once.
   */
  void countLostAtClose(SelfMetrics selfMetrics) {
    pending.abandonAll(() -> {
      AdmissionGuard g = guard;
      long stranded = g == null ? 0 : g.inFlight();
      if (stranded > 0) {
        selfMetrics.add(SelfMetricKeys.SPANS_DROPPED, stranded);
        selfMetrics.add(SelfMetricKeys.SPANS_DROPPED_AT_CLOSE, stranded);
      }
    });
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
