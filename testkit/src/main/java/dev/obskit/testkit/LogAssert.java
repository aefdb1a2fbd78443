package dev.obskit.testkit;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import java.util.List;

/**
 * Narrows the recorded log records to those matching every {@code withX} called; fails listing the
 * recorded records when none is left. Obtain one from {@link TelemetryAssert#hasLog(String)}.
 *
 * <pre>{@code
 * assertThat(telemetry).hasLog("question stored").withLevel(LogLevel.INFO)
 *     .withAttribute("question_id", "q-1").inSpanNamed("store");
 * }</pre>
 */
public final class LogAssert extends AbstractRecordedAssert<LogAssert, LogRecord> {

  LogAssert(TelemetryAssert parent, String subject, List<LogRecord> recorded, List<LogRecord> candidates) {
    super(parent, LogAssert.class, subject, "log records", recorded, candidates, LogRecord::toString);
  }

  /** The level is {@code level}. */
  public LogAssert withLevel(LogLevel level) {
    return narrow("with level " + level, r -> r.level() == level);
  }

  /** The logger is named {@code name}. */
  public LogAssert withLogger(String name) {
    return narrow("from logger " + name, r -> r.loggerName().equals(name));
  }

  /** The attributes have {@code key} = {@code value}. */
  public LogAssert withAttribute(String key, Object value) {
    return narrow("with attribute " + key + "=" + value, r -> sameValue(r.attributes().get(key), value));
  }

  /** No attribute is named {@code key}. */
  public LogAssert withoutAttribute(String key) {
    return narrow("without attribute " + key, r -> !r.attributes().containsKey(key));
  }

  /** The record carries an exception of type {@code type} (or a subtype). */
  public LogAssert withThrowable(Class<? extends Throwable> type) {
    return narrow("with a " + type.getSimpleName(), r -> type.isInstance(r.throwable()));
  }

  /** The record carries the trace id {@code traceId}. */
  public LogAssert withTraceId(String traceId) {
    return narrow("with trace id " + traceId,
        r -> r.spanContext().isValid() && r.spanContext().traceId().equals(traceId));
  }

  /** The record carries the trace id of {@code span} (a facade span). */
  public LogAssert withTraceIdOf(Span span) {
    return withTraceIdOf(span.context());
  }

  /** The record carries the trace id of {@code context}. */
  public LogAssert withTraceIdOf(SpanContext context) {
    return withTraceId(context.traceId());
  }

  /** The record was made while {@code span} was current (same trace and span id). */
  public LogAssert inSpan(RecordedSpan span) {
    return narrow("made in span '" + span.name() + "' (" + span.spanId() + ")",
        r -> r.spanContext().isValid() && r.spanContext().spanId().equals(span.spanId())
            && r.spanContext().traceId().equals(span.traceId()));
  }

  /** The record was made while a span named {@code name} (finished or open) was current. */
  public LogAssert inSpanNamed(String name) {
    List<RecordedSpan> spans = actual.allSpans().stream().filter(s -> s.name().equals(name)).toList();
    return narrow("made in a span named '" + name + "'", r -> r.spanContext().isValid() && spans.stream()
        .anyMatch(s -> s.spanId().equals(r.spanContext().spanId()) && s.traceId().equals(r.spanContext().traceId())));
  }

  /** The record was made while no span was current. */
  public LogAssert outsideAnySpan() {
    return narrow("made outside any span", r -> !r.spanContext().isValid());
  }
}
