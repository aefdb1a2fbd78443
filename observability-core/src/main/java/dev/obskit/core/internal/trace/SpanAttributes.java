package dev.obskit.core.internal.trace;

import dev.obskit.core.internal.Drops;
import java.util.LinkedHashMap;
import java.util.Map;

/** Normalises user attribute maps to the SPI's value types (String, Long, Double, Boolean). */
final class SpanAttributes {
  private SpanAttributes() {}

  static Map<String, Object> sanitize(Map<String, ?> attributes, Drops drops, String where) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> {
      if (v == null || !drops.checkName(k, where + " attribute")) {
        return;
      }
      Object value = normalize(v);
      if (value instanceof String && !drops.checkString((String) value, where + " attribute", k)) {
        return;
      }
      out.put(k, value);
    });
    return out;
  }

  static Object normalize(Object v) {
    if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    return String.valueOf(v);
  }
}
