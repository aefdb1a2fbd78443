package dev.obskit.it.readback;

import java.util.List;
import java.util.Map;

/**
 * One span as a peer stored it (Zipkin v2 JSON or OTLP/JSON), reduced to what the tests compare.
 *
 * @param traceId     32 lowercase hex
 * @param spanId      16 lowercase hex
 * @param parentId    16 lowercase hex, or null for a root span
 * @param name        the span name
 * @param kind        {@code CLIENT}, {@code SERVER}, ... or {@code INTERNAL} when the peer has none
 * @param serviceName the service that reported it
 * @param attributes  attribute values as strings (Zipkin keeps only strings)
 * @param events      event names (Zipkin annotations, OTLP span events)
 * @param error       whether the span's status is ERROR
 * @param statusMessage the ERROR description, or empty
 */
public record ObservedSpan(String traceId, String spanId, String parentId, String name, String kind,
    String serviceName, Map<String, String> attributes, List<String> events, boolean error, String statusMessage) {

  /** Whether the span is a root. */
  public boolean isRoot() {
    return parentId == null || parentId.isEmpty();
  }

  @Override
  public String toString() {
    return name + "[" + serviceName + " " + kind + " " + spanId + " <- " + (isRoot() ? "root" : parentId)
        + (error ? " ERROR(" + statusMessage + ")" : "") + " " + attributes + " events=" + events + "]";
  }
}
