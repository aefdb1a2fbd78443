package dev.obskit.testkit.otlp;

import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.Map;

/**
 * One log record as it arrived over OTLP, with the resource and instrumentation scope it came
 * with (for a logging bridge the scope is the logger name). The raw protobuf is available through
 * {@link #proto()}.
 */
public final class ReceivedLog {
  private final Map<String, Object> resource;
  private final String scope;
  private final LogRecord proto;

  ReceivedLog(Map<String, Object> resource, String scope, LogRecord proto) {
    this.resource = resource;
    this.scope = scope;
    this.proto = proto;
  }

  /** Resource attributes ({@code service.name}, ...). */
  public Map<String, Object> resource() {
    return resource;
  }

  /** The instrumentation scope name. */
  public String scope() {
    return scope;
  }

  /** The protobuf message. */
  public LogRecord proto() {
    return proto;
  }

  /** The body as text (a string body, or the text of another value). */
  public String body() {
    Object v = OtlpValues.value(proto.getBody());
    return v == null ? "" : v.toString();
  }

  /** The severity text ({@code INFO}, ...). */
  public String severityText() {
    return proto.getSeverityText();
  }

  /** The severity number (1 TRACE ... 21 FATAL). */
  public int severityNumber() {
    return proto.getSeverityNumberValue();
  }

  /** The trace id, 32 lowercase hex digits, or empty when the record has no span. */
  public String traceId() {
    return OtlpValues.hex(proto.getTraceId());
  }

  /** The span id, 16 lowercase hex digits, or empty. */
  public String spanId() {
    return OtlpValues.hex(proto.getSpanId());
  }

  /** The W3C trace flags byte (1 when sampled). */
  public int flags() {
    return proto.getFlags();
  }

  /** The record's attributes. */
  public Map<String, Object> attributes() {
    return OtlpValues.attributes(proto.getAttributesList());
  }

  /** The time of the event, nanoseconds since the epoch. */
  public long epochNanos() {
    return proto.getTimeUnixNano();
  }

  @Override
  public String toString() {
    return "Log{" + severityText() + " " + scope + " \"" + body() + "\""
        + (traceId().isEmpty() ? "" : " " + traceId() + "/" + spanId()) + " attrs=" + attributes() + '}';
  }
}
