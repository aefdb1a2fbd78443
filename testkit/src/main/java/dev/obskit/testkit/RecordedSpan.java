package dev.obskit.testkit;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.ScopeData;
import java.util.List;
import java.util.Map;

/**
 * A point-in-time copy of a span the memory backend received: finished ({@link #ended()}) or
 * still open.
 *
 * @param name the span name (after any rename)
 * @param kind the span kind
 * @param context the span's own ids
 * @param parent the parent's ids, or invalid for a root span
 * @param attributes start attributes and later ones, unmodifiable, in the order first set
 * @param events span events in order, including recorded exceptions
 * @param exceptions the recorded exceptions in order
 * @param status the status
 * @param statusDescription the status description, or empty
 * @param links links given at start
 * @param startEpochNanos start time
 * @param endEpochNanos end time, or 0 while open
 * @param ended whether the span has ended
 * @param scope the user, tags, contexts and breadcrumbs of the scope the span started in, as they
 *     were when it ended (now, while open): what a Sentry transaction of it carries
 */
public record RecordedSpan(
    String name,
    SpanKind kind,
    SpanContext context,
    SpanContext parent,
    Map<String, Object> attributes,
    List<RecordedSpanEvent> events,
    List<Throwable> exceptions,
    SpanStatus status,
    String statusDescription,
    List<SpanContext> links,
    long startEpochNanos,
    long endEpochNanos,
    boolean ended,
    ScopeData scope) {

  /** The trace id. */
  public String traceId() {
    return context.traceId();
  }

  /** The span id. */
  public String spanId() {
    return context.spanId();
  }

  /** The parent span id, or null for a root span. */
  public String parentSpanId() {
    return parent.isValid() ? parent.spanId() : null;
  }

  /** Whether this span has no parent. */
  public boolean isRoot() {
    return !parent.isValid();
  }

  /** Whether {@code other} is this span's parent (same trace, parent id matches). */
  public boolean isChildOf(RecordedSpan other) {
    return parent.isValid() && parent.spanId().equals(other.spanId()) && parent.traceId().equals(other.traceId());
  }

  /** End minus start in nanoseconds, or -1 while open. */
  public long durationNanos() {
    return ended ? endEpochNanos - startEpochNanos : -1;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("'").append(name).append('\'');
    if (kind != SpanKind.INTERNAL) {
      sb.append(' ').append(kind);
    }
    if (status != SpanStatus.UNSET) {
      sb.append(" status=").append(status);
      if (!statusDescription.isEmpty()) {
        sb.append('(').append(statusDescription).append(')');
      }
    }
    if (!attributes.isEmpty()) {
      sb.append(' ').append(attributes);
    }
    if (!events.isEmpty()) {
      sb.append(" events=").append(events);
    }
    sb.append(" [").append(context.traceId()).append('/').append(context.spanId());
    sb.append(parent.isValid() ? " parent " + parent.spanId() : " root").append(']');
    if (!ended) {
      sb.append(" (open)");
    }
    return sb.toString();
  }
}
