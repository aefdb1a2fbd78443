package dev.obskit.testkit.sentry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A Sentry envelope as received on the wire: a JSON header line, then item-header/payload pairs.
 * An item's payload is {@code length} bytes when its header says so, else the rest of the line.
 */
public final class Envelope {
  private final Map<String, Object> header;
  private final List<EnvelopeItem> items;
  private final String raw;

  private Envelope(Map<String, Object> header, List<EnvelopeItem> items, String raw) {
    this.header = header;
    this.items = Collections.unmodifiableList(items);
    this.raw = raw;
  }

  /**
   * Parses an (already decompressed) envelope body.
   *
   * @throws IllegalArgumentException if it is not a valid envelope
   */
  public static Envelope parse(byte[] body) {
    int[] pos = {0};
    String headerLine = readLine(body, pos);
    if (headerLine == null || headerLine.isBlank()) {
      throw new IllegalArgumentException("envelope without header line");
    }
    Map<String, Object> header = Json.parseObject(headerLine);
    List<EnvelopeItem> items = new ArrayList<>();
    while (pos[0] < body.length) {
      String itemHeaderLine = readLine(body, pos);
      if (itemHeaderLine == null) {
        break;
      }
      if (itemHeaderLine.isBlank()) {
        continue;
      }
      Map<String, Object> itemHeader = Json.parseObject(itemHeaderLine);
      byte[] payload;
      Object length = itemHeader.get("length");
      if (length instanceof Number) {
        int n = ((Number) length).intValue();
        if (pos[0] + n > body.length) {
          throw new IllegalArgumentException("item length " + n + " exceeds the envelope");
        }
        payload = java.util.Arrays.copyOfRange(body, pos[0], pos[0] + n);
        pos[0] += n;
        if (pos[0] < body.length && body[pos[0]] == '\n') {
          pos[0]++;
        }
      } else {
        String line = readLine(body, pos);
        payload = line == null ? new byte[0] : line.getBytes(StandardCharsets.UTF_8);
      }
      items.add(new EnvelopeItem(itemHeader, payload));
    }
    return new Envelope(header, items, new String(body, StandardCharsets.UTF_8));
  }

  private static String readLine(byte[] body, int[] pos) {
    if (pos[0] >= body.length) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (pos[0] < body.length && body[pos[0]] != '\n') {
      line.write(body[pos[0]++]);
    }
    pos[0]++;
    return line.toString(StandardCharsets.UTF_8);
  }

  /** The envelope header ({@code event_id}, {@code sdk}, {@code trace}, ...). */
  public Map<String, Object> header() {
    return header;
  }

  /** The envelope header's {@code trace.trace_id} (dynamic sampling context), or null. */
  public String headerTraceId() {
    Object v = Json.at(header, "trace.trace_id");
    return v == null ? null : v.toString();
  }

  /** The items in order. */
  public List<EnvelopeItem> items() {
    return items;
  }

  /** The items of one type. */
  public List<EnvelopeItem> items(String type) {
    List<EnvelopeItem> out = new ArrayList<>();
    for (EnvelopeItem i : items) {
      if (i.type().equals(type)) {
        out.add(i);
      }
    }
    return out;
  }

  /** The whole decompressed body as text (to prove something appears nowhere). */
  public String raw() {
    return raw;
  }

  @Override
  public String toString() {
    List<String> types = new ArrayList<>();
    items.forEach(i -> types.add(i.type()));
    return "Envelope{" + header.get("event_id") + ", items=" + types + '}';
  }
}
