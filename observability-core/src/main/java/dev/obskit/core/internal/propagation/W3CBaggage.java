package dev.obskit.core.internal.propagation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W3C Baggage: {@code key=value} members separated by commas, properties after {@code ;}
 * ignored, values percent-encoded UTF-8. Limits from the specification: 64 members and 8192
 * bytes; what does not fit is left out rather than producing an invalid header.
 */
public final class W3CBaggage {
  public static final String HEADER = "baggage";
  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;

  private W3CBaggage() {}

  /** The result of parsing: the entries and whether anything was malformed or over the limits. */
  public static final class Parsed {
    private final Map<String, String> entries;
    private final boolean malformed;

    Parsed(Map<String, String> entries, boolean malformed) {
      this.entries = entries;
      this.malformed = malformed;
    }

    /** The well-formed entries, in header order. */
    public Map<String, String> entries() {
      return entries;
    }

    /** Whether a member was skipped as malformed or over the limits. */
    public boolean malformed() {
      return malformed;
    }
  }

  /** Parses a {@code baggage} header; malformed members are skipped. */
  public static Parsed parse(String header) {
    if (header == null || header.isBlank()) {
      return new Parsed(Map.of(), false);
    }
    if (header.length() > MAX_BYTES) {
      return new Parsed(Map.of(), true);
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean malformed = false;
    for (String member : header.split(",", -1)) {
      String m = member.trim();
      if (m.isEmpty()) {
        continue;
      }
      int semi = m.indexOf(';');
      String kv = semi >= 0 ? m.substring(0, semi) : m;
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        malformed = true;
        continue;
      }
      String key = kv.substring(0, eq).trim();
      String value = decode(kv.substring(eq + 1).trim());
      if (!isToken(key) || value == null) {
        malformed = true;
        continue;
      }
      if (out.size() >= MAX_MEMBERS && !out.containsKey(key)) {
        malformed = true;
        continue;
      }
      out.put(key, value);
    }
    return new Parsed(Collections.unmodifiableMap(out), malformed);
  }

  /** The header value for {@code entries}; members with invalid keys or over the limits are left out. */
  public static String format(Map<String, String> entries) {
    StringBuilder sb = new StringBuilder();
    int members = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (!isToken(e.getKey()) || e.getValue() == null || members >= MAX_MEMBERS) {
        continue;
      }
      String member = e.getKey() + "=" + encode(e.getValue());
      int extra = member.length() + (sb.length() == 0 ? 0 : 1);
      if (sb.length() + extra > MAX_BYTES) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(member);
      members++;
    }
    return sb.toString();
  }

  /** RFC 7230 token, which the baggage specification uses for keys. */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E; everything else is encoded. */
  private static boolean isBaggageOctet(int b) {
    return b == 0x21 || (b >= 0x23 && b <= 0x2B) || (b >= 0x2D && b <= 0x3A) || (b >= 0x3C && b <= 0x5B)
        || (b >= 0x5D && b <= 0x7E);
  }

  static String encode(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
      int b = raw & 0xFF;
      if (isBaggageOctet(b) && b != '%') {
        sb.append((char) b);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  /** Percent-decodes; null when the value holds characters the specification forbids. */
  static String decode(String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()) {
          return null;
        }
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c < 0x80 && isBaggageOctet(c)) {
        out.write(c);
      } else {
        return null;
      }
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
