package dev.obskit.backend.console.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Small formatting helpers shared by the renderers. */
final class Format {
  /** Longest value printed in full; longer values are cut (console output is for reading). */
  static final int MAX_VALUE_CHARS = 120;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  private Format() {}

  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis == 0 ? System.currentTimeMillis() : epochMillis));
  }

  /** Milliseconds with one decimal: {@code 12.3 ms}. */
  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
  }

  /** A number without a useless {@code .0}, at most 3 decimals. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code {k=v, k2=v2}}, or empty string for an empty map. */
  static String compact(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("{");
    appendEntries(sb, map);
    return sb.append('}').toString();
  }

  /** {@code k=v, k2=v2} without braces. */
  static String entries(Map<String, ?> map) {
    StringBuilder sb = new StringBuilder();
    appendEntries(sb, map);
    return sb.toString();
  }

  private static void appendEntries(StringBuilder sb, Map<String, ?> map) {
    boolean first = true;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append('=').append(value(e.getValue()));
    }
  }

  static String value(Object v) {
    String s;
    if (v instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> m = (Map<String, ?>) v;
      s = "{" + entries(m) + "}";
    } else if (v instanceof Collection) {
      StringBuilder sb = new StringBuilder("[");
      boolean first = true;
      for (Object o : (Collection<?>) v) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(value(o));
      }
      s = sb.append(']').toString();
    } else if (v instanceof Double || v instanceof Float) {
      s = number(((Number) v).doubleValue());
    } else {
      s = String.valueOf(v);
    }
    return truncate(s);
  }

  static String truncate(String s) {
    if (s.length() <= MAX_VALUE_CHARS) {
      return s.replace('\n', ' ');
    }
    return s.substring(0, MAX_VALUE_CHARS).replace('\n', ' ') + "...(" + s.length() + " chars)";
  }

  static String padRight(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder(width).append(s);
    while (sb.length() < width) {
      sb.append(' ');
    }
    return sb.toString();
  }

  static String padLeft(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder(width);
    while (sb.length() + s.length() < width) {
      sb.append(' ');
    }
    return sb.append(s).toString();
  }
}
