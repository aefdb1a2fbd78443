package dev.obskit.benchmarks.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.sentry.ISpan;
import io.sentry.Sentry;
import io.sentry.SentryLongDate;
import io.sentry.SpanOptions;
import io.sentry.SpanStatus;
import io.sentry.TracesSamplingDecision;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.SentryId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a user writes without the facade to get {@code traces: both}: an OpenTelemetry span
 * processor that mirrors every span into Sentry with the same ids (a root span becomes a transaction, a child a child span, each with the OTel ids). A
 * root span becomes a transaction, a child a child span of its parent's mirror. The start time is
 * Sentry's own clock (reading the OpenTelemetry start time would need a {@code toSpanData()}
 * copy at start); the end time is the OpenTelemetry one.
 */
public final class SentryMirrorProcessor implements SpanProcessor {
  private final ConcurrentHashMap<String, ISpan> open = new ConcurrentHashMap<>();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    io.opentelemetry.api.trace.SpanContext ids = span.getSpanContext();
    io.opentelemetry.api.trace.SpanContext parentIds = span.getParentSpanContext();
    ISpan parentMirror = parentIds.isValid() ? open.get(parentIds.getSpanId()) : null;
    ISpan mirror;
    if (parentMirror != null) {
      mirror = parentMirror.startChild(new io.sentry.SpanContext(new SentryId(ids.getTraceId()),
          new io.sentry.SpanId(ids.getSpanId()), span.getName(), new io.sentry.SpanId(parentIds.getSpanId()),
          new TracesSamplingDecision(ids.isSampled())), new SpanOptions());
    } else {
      TransactionContext context = new TransactionContext(new SentryId(ids.getTraceId()),
          new io.sentry.SpanId(ids.getSpanId()),
          parentIds.isValid() ? new io.sentry.SpanId(parentIds.getSpanId()) : null,
          new TracesSamplingDecision(ids.isSampled()), null);
      context.setName(span.getName());
      context.setOperation(span.getName());
      TransactionOptions options = new TransactionOptions();
      options.setBindToScope(false);
      mirror = Sentry.startTransaction(context, options);
    }
    open.put(ids.getSpanId(), mirror);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    ISpan mirror = open.remove(span.getSpanContext().getSpanId());
    if (mirror == null) {
      return;
    }
    SpanData data = span.toSpanData();
    data.getAttributes().forEach((AttributeKey<?> key, Object value) -> mirror.setData(key.getKey(), value));
    SpanStatus status = data.getStatus().getStatusCode() == StatusCode.ERROR ? SpanStatus.INTERNAL_ERROR : SpanStatus.OK;
    mirror.finish(status, new SentryLongDate(data.getEndEpochNanos()));
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}
