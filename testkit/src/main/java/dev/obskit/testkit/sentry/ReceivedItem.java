package dev.obskit.testkit.sentry;

import java.util.Map;

/**
 * An event or transaction received by {@link SentryTestServer}, with the envelope it came in (its
 * header carries the trace of the dynamic sampling context).
 */
public final class ReceivedItem {
  private final Envelope envelope;
  private final EnvelopeItem item;

  ReceivedItem(Envelope envelope, EnvelopeItem item) {
    this.envelope = envelope;
    this.item = item;
  }

  /** The envelope that carried this item. */
  public Envelope envelope() {
    return envelope;
  }

  /** The item type ({@code event} or {@code transaction}). */
  public String type() {
    return item.type();
  }

  /** The payload as parsed JSON. */
  public Map<String, Object> payload() {
    return item.json();
  }

  /** The value at a dotted path of the payload ({@code contexts.trace.span_id}), or null. */
  public Object get(String path) {
    return Json.at(item.json(), path);
  }

  /** The value at a dotted path as a string, or null. */
  public String getString(String path) {
    Object v = get(path);
    return v == null ? null : v.toString();
  }

  /** {@code contexts.trace.trace_id}. */
  public String traceId() {
    return getString("contexts.trace.trace_id");
  }

  /** {@code contexts.trace.span_id}. */
  public String spanId() {
    return getString("contexts.trace.span_id");
  }

  /** {@code contexts.trace.parent_span_id}, or null. */
  public String parentSpanId() {
    return getString("contexts.trace.parent_span_id");
  }

  /** The envelope header's {@code trace.trace_id}, or null. */
  public String headerTraceId() {
    return envelope.headerTraceId();
  }

  @Override
  public String toString() {
    return type() + " " + getString("event_id") + " " + (type().equals("transaction")
        ? getString("transaction") : getString("exception.values.0.type") + ": " + getString("exception.values.0.value"));
  }
}
