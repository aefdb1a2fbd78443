package dev.obskit.testkit.otlp;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One span as it arrived over OTLP, with the resource and instrumentation scope it came with.
 * The raw protobuf is available through {@link #proto()}; the accessors cover what tests
 * usually assert on.
 */
public final class ReceivedSpan {
  private final Map<String, Object> resource;
  private final String scope;
  private final Span proto;

  ReceivedSpan(Map<String, Object> resource, String scope, Span proto) {
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
  public Span proto() {
    return proto;
  }

  /** The span name. */
  public String name() {
    return proto.getName();
  }

  /** 32 lowercase hex digits. */
  public String traceId() {
    return OtlpValues.hex(proto.getTraceId());
  }

  /** 16 lowercase hex digits. */
  public String spanId() {
    return OtlpValues.hex(proto.getSpanId());
  }

  /** The parent's span id, or empty for a root span. */
  public String parentSpanId() {
    return OtlpValues.hex(proto.getParentSpanId());
  }

  /** Whether the span has no parent. */
  public boolean isRoot() {
    return proto.getParentSpanId().isEmpty();
  }

  /** The kind ({@code SPAN_KIND_SERVER}, ...). */
  public Span.SpanKind kind() {
    return proto.getKind();
  }

  /** The span's attributes. */
  public Map<String, Object> attributes() {
    return OtlpValues.attributes(proto.getAttributesList());
  }

  /** The status code. */
  public Status.StatusCode statusCode() {
    return proto.getStatus().getCode();
  }

  /** The status description. */
  public String statusMessage() {
    return proto.getStatus().getMessage();
  }

  /** Event names in order. */
  public List<String> eventNames() {
    List<String> names = new ArrayList<>();
    proto.getEventsList().forEach(e -> names.add(e.getName()));
    return Collections.unmodifiableList(names);
  }

  /** The attributes of the first event named {@code name}, or null. */
  public Map<String, Object> eventAttributes(String name) {
    for (Span.Event e : proto.getEventsList()) {
      if (e.getName().equals(name)) {
        return OtlpValues.attributes(e.getAttributesList());
      }
    }
    return null;
  }

  /** Links as {@code traceId/spanId} strings. */
  public List<String> links() {
    List<String> links = new ArrayList<>();
    proto.getLinksList().forEach(l -> links.add(OtlpValues.hex(l.getTraceId()) + "/" + OtlpValues.hex(l.getSpanId())));
    return Collections.unmodifiableList(links);
  }

  /** Start time, nanoseconds since the epoch. */
  public long startEpochNanos() {
    return proto.getStartTimeUnixNano();
  }

  /** End time, nanoseconds since the epoch. */
  public long endEpochNanos() {
    return proto.getEndTimeUnixNano();
  }

  @Override
  public String toString() {
    return "Span{" + name() + " " + traceId() + "/" + spanId() + (isRoot() ? "" : " parent=" + parentSpanId())
        + " " + kind() + " " + statusCode() + " attrs=" + attributes() + " events=" + eventNames() + '}';
  }
}
