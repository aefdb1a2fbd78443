package dev.obskit.testkit.sentry;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One item of a received Sentry envelope: its header and payload. */
public final class EnvelopeItem {
  private final Map<String, Object> header;
  private final byte[] payload;
  private volatile Map<String, Object> json;

  EnvelopeItem(Map<String, Object> header, byte[] payload) {
    this.header = header;
    this.payload = payload;
  }

  /** The item type ({@code event}, {@code transaction}, {@code client_report}, ...). */
  public String type() {
    Object t = header.get("type");
    return t == null ? "" : t.toString();
  }

  /** The item header. */
  public Map<String, Object> header() {
    return header;
  }

  /** The raw payload bytes. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload as UTF-8 text. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** The payload parsed as a JSON object (event, transaction, client report). */
  public Map<String, Object> json() {
    Map<String, Object> j = json;
    if (j == null) {
      j = Json.parseObject(payloadText());
      json = j;
    }
    return j;
  }

  @Override
  public String toString() {
    return "EnvelopeItem{" + type() + ", " + payload.length + " bytes}";
  }
}
