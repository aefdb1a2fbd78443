package dev.obskit.testkit.sentry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Sentry log (an entry of a {@code log} envelope item's {@code items}): body, level, trace and
 * span id, attributes with their values unwrapped from Sentry's {@code {type, value}} form.
 */
public final class ReceivedLog {
  private final Envelope envelope;
  private final Map<String, Object> json;

  ReceivedLog(Envelope envelope, Map<String, Object> json) {
    this.envelope = envelope;
    this.json = json;
  }

  /** The envelope that carried this log. */
  public Envelope envelope() {
    return envelope;
  }

  /** The log as parsed JSON. */
  public Map<String, Object> json() {
    return json;
  }

  /** {@code body}. */
  public String body() {
    return String.valueOf(json.get("body"));
  }

  /** {@code level} ({@code info}, {@code error}, ...). */
  public String level() {
    return String.valueOf(json.get("level"));
  }

  /** {@code trace_id}. */
  public String traceId() {
    return (String) json.get("trace_id");
  }

  /** {@code span_id}, or null. */
  public String spanId() {
    return (String) json.get("span_id");
  }

  /** {@code severity_number}, or null. */
  public Number severityNumber() {
    return (Number) json.get("severity_number");
  }

  /** The attributes, each value taken from its {@code {type, value}} wrapper. */
  public Map<String, Object> attributes() {
    Map<String, Object> out = new LinkedHashMap<>();
    Object raw = json.get("attributes");
    if (raw instanceof Map<?, ?> attrs) {
      attrs.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? m.get("value") : v));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Log{" + level() + " \"" + body() + "\" trace=" + traceId() + " span=" + spanId() + " " + attributes() + '}';
  }
}
