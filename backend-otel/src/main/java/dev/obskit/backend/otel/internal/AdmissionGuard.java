package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits in front of the batch span processor and admits at most {@code maxQueueSize} sampled
 * spans that have ended but not yet reached the exporter. The batch processor drops silently
 * (into its own OTel meter) when its queue is full; refusing here first lets us count every
 * such drop in the SDK's self-metrics ({@code otel.spans_dropped}). Its queue never overflows
 * because it never holds more than we admitted.
 */
final class AdmissionGuard implements SpanProcessor {
  private final SpanProcessor delegate;
  private final long capacity;
  private final SelfMetrics selfMetrics;
  private final AtomicLong inFlight = new AtomicLong();

  AdmissionGuard(SpanProcessor delegate, long capacity, SelfMetrics selfMetrics) {
    this.delegate = delegate;
    this.capacity = capacity;
    this.selfMetrics = selfMetrics;
  }

  /** Called by the exporter side when {@code count} admitted spans left the queue. */
  void released(int count) {
    inFlight.addAndGet(-count);
  }

  /** Admitted spans not yet handed to the exporter. */
  long inFlight() {
    return inFlight.get();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    delegate.onStart(parentContext, span);
  }

  @Override
  public boolean isStartRequired() {
    return delegate.isStartRequired();
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (!span.getSpanContext().isSampled()) {
      return; // the batch processor ignores unsampled spans as well
    }
    if (inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      selfMetrics.increment(SelfMetricKeys.SPANS_DROPPED);
      selfMetrics.increment(SelfMetricKeys.SPANS_DROPPED_QUEUE_FULL);
      return;
    }
    delegate.onEnd(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return delegate.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}
