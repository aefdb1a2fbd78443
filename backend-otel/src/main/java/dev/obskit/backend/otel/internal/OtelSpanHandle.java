package dev.obskit.backend.otel.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.SpanHandle;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A facade handle over an OpenTelemetry span: one this backend started, or the current span of
 * other instrumentation (then the facade may annotate and end it like its own). It is also the
 * scope of its first {@code makeCurrent} (see {@link CurrentScope}).
 */
final class OtelSpanHandle extends CurrentScope implements SpanHandle {
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private final Span span;
  /**
   * The facade view of the span's ids, built on first read: the core asks only when someone needs
   * the ids (a child span, an error, the application). Racy on purpose: every reader builds an
   * equal immutable value.
   */
  private SpanContext context;

  OtelSpanHandle(Span span) {
    this.span = span;
  }

  /** The wrapped OpenTelemetry span. */
  Span span() {
    return span;
  }

  @Override
  public SpanContext context() {
    SpanContext c = context;
    if (c == null) {
      c = Contexts.toFacade(span.getSpanContext());
      context = c;
    }
    return c;
  }

  /** By identity: this handle's span object is the one in the current OpenTelemetry context. */
  @Override
  public boolean isCurrent() {
    return span == Span.current();
  }

  @Override
  public dev.obskit.api.Scope makeCurrent() {
    return CurrentScope.open(this);
  }

  @Override
  public boolean isRecording() {
    return span.isRecording();
  }

  @Override
  public void setAttribute(String key, String value) {
    span.setAttribute(AttributeKeys.string(key), value);
  }

  @Override
  public void setAttribute(String key, long value) {
    span.setAttribute(AttributeKeys.longKey(key), value);
  }

  @Override
  public void setAttribute(String key, double value) {
    span.setAttribute(AttributeKeys.doubleKey(key), value);
  }

  @Override
  public void setAttribute(String key, boolean value) {
    span.setAttribute(AttributeKeys.booleanKey(key), value);
  }

  @Override
  public void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
    span.addEvent(name, toAttributes(attributes), epochNanos, TimeUnit.NANOSECONDS);
  }

  /** At the span's own clock (the SDK anchors it per trace). */
  @Override
  public void addEvent(String name, Map<String, Object> attributes) {
    span.addEvent(name, toAttributes(attributes));
  }

  @Override
  public void setStatus(SpanStatus status, String description) {
    switch (status) {
      case OK:
        span.setStatus(StatusCode.OK);
        break;
      case ERROR:
        span.setStatus(StatusCode.ERROR, description == null ? "" : description);
        break;
      default:
        span.setStatus(StatusCode.UNSET);
    }
  }

  @Override
  public void recordException(Throwable error, long epochNanos) {
    if (span.isRecording()) {
      span.addEvent("exception", exceptionAttributes(error), epochNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void recordException(Throwable error) {
    if (span.isRecording()) {
      span.addEvent("exception", exceptionAttributes(error));
    }
  }

  /**
   * The exception event's attributes, with the semantic-convention keys the SDK uses: built by
   * hand because Span.recordException has no timestamp parameter, and primary and mirrors must
   * agree on the time.
   */
  private static Attributes exceptionAttributes(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    AttributesBuilder attributes = Attributes.builder()
        .put(EXCEPTION_TYPE, error.getClass().getName())
        .put(EXCEPTION_STACKTRACE, trace.toString());
    if (error.getMessage() != null) {
      attributes.put(EXCEPTION_MESSAGE, error.getMessage());
    }
    return attributes.build();
  }

  @Override
  public void updateName(String name) {
    span.updateName(name);
  }

  @Override
  public void end(long epochNanos) {
    span.end(epochNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void end() {
    span.end();
  }

  /** Attributes from facade values (String, Long/Integer, Double/Float, Boolean; others as text). */
  static Attributes toAttributes(Map<String, ?> values) {
    if (values == null || values.isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    values.forEach((key, value) -> put(builder, key, value));
    return builder.build();
  }

  static void put(AttributesBuilder builder, String key, Object value) {
    if (key == null || value == null) {
      return;
    }
    if (value instanceof String) {
      builder.put(key, (String) value);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      builder.put(key, ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      builder.put(key, ((Number) value).doubleValue());
    } else if (value instanceof Boolean) {
      builder.put(key, (Boolean) value);
    } else {
      builder.put(key, String.valueOf(value));
    }
  }

  @Override
  public String toString() {
    return "OtelSpanHandle{" + context() + '}';
  }
}
