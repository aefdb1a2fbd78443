package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.ScopeData;
import dev.obskit.api.spi.SpanHandle;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.SentryDate;
import io.sentry.SentryLongDate;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One facade span as a Sentry transaction or child span. Sentry spans have no events: events are
 * not mirrored (recorded exceptions become the span's throwable).
 */
final class SentrySpanHandle implements SpanHandle {
  private final SpanContext context;
  private final ISpan span;
  private final boolean transaction;
  /** A transaction's scope (the request scope it started in), read when it ends; null for a child span. */
  private final Supplier<ScopeData> scope;
  private final SentrySpanSink.OpenSpans live;
  private volatile io.sentry.SpanStatus status = io.sentry.SpanStatus.OK;
  /** Span data is scrubbed here: it reaches Sentry as span data and as the transaction's trace context. */
  private final SecretScrubbing scrubbing;
  private final Delivery delivery;

  SentrySpanHandle(SpanContext context, ISpan span, boolean transaction, Supplier<ScopeData> scope,
      SentrySpanSink.OpenSpans live, SecretScrubbing scrubbing, Delivery delivery) {
    this.scrubbing = scrubbing;
    this.delivery = delivery;
    this.context = context;
    this.span = span;
    this.transaction = transaction;
    this.scope = scope;
    this.live = live;
  }

  @Override
  public SpanContext context() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return !span.isFinished();
  }

  @Override
  public void setAttribute(String key, String value) {
    span.setData(key, scrubbing.spanData(key, value));
  }

  @Override
  public void setAttribute(String key, long value) {
    span.setData(key, scrubbing.spanData(key, value));
  }

  @Override
  public void setAttribute(String key, double value) {
    span.setData(key, scrubbing.spanData(key, value));
  }

  @Override
  public void setAttribute(String key, boolean value) {
    span.setData(key, scrubbing.spanData(key, value));
  }

  @Override
  public void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
    // Sentry spans have no timestamped events; see the class comment.
  }

  @Override
  public void setStatus(SpanStatus status, String description) {
    if (status == SpanStatus.ERROR) {
      this.status = io.sentry.SpanStatus.INTERNAL_ERROR;
      if (description != null && !description.isEmpty()) {
        span.setData("status_description", description);
      }
    } else {
      this.status = io.sentry.SpanStatus.OK;
    }
  }

  @Override
  public void recordException(Throwable error, long epochNanos) {
    span.setThrowable(error);
  }

  @Override
  public void updateName(String name) {
    if (transaction && span instanceof ITransaction) {
      ((ITransaction) span).setName(name);
    } else {
      span.setDescription(name);
    }
  }

  /** The Sentry span behind this handle (tests). */
  ISpan sentrySpan() {
    return span;
  }

  @Override
  public void end(long epochNanos) {
    finish(new SentryLongDate(epochNanos));
  }

  /** Ends the span by Sentry's own clock. */
  @Override
  public void end() {
    finish(null);
  }

  private void finish(SentryDate end) {
    live.remove(context.spanId(), span);
    if (transaction) {
      delivery.attempted(Delivery.TRANSACTIONS);
    }
    if (scope != null && !span.isFinished()) {
      // Read now: the user and breadcrumbs the request added while it ran belong on it.
      span.setContext(ScopeDataMapping.PENDING_KEY, new ScopeDataMapping.Pending(scope.get()));
    }
    span.finish(status, end);
  }
}
