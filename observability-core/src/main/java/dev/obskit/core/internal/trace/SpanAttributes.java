package dev.obskit.core.internal.trace;

import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.InputChecks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises user attribute maps to the SPI's value types (String, Long, Double, Boolean). */
final class SpanAttributes {
  /** Copies containers within the scrubber's node and depth bounds, cycles marked. */
  private static final DefaultScrubber BOUNDED_COPY = new DefaultScrubber(List.of());

  private SpanAttributes() {}

  static Map<String, Object> sanitize(Map<String, ?> attributes, InputChecks checks, String where) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> {
      if (v == null || !checks.checkName(k, where + " attribute")) {
        return;
      }
      if (DefaultScrubber.nonFinite(v)) {
        checks.checkFinite(((Number) v).doubleValue(), where + " attribute", k); // counts the drop
        return;
      }
      Object value = normalize(v, checks.limits().maxStringLength());
      if (value instanceof String && !checks.checkString((String) value, where + " attribute", k)) {
        return;
      }
      out.put(k, value);
    });
    return out;
  }

  static Object normalize(Object v, int maxLength) {
    if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (DefaultScrubber.isContainer(v)) {
      String text = render(v);
      return text.length() > maxLength ? text.substring(0, maxLength) : text;
    }
    return String.valueOf(v);
  }

  /**
   * A container as text, like its {@code toString}, but of the scrubber's bounded copy: {@code
   * toString} recurses into a map that holds a list that holds the map until the stack overflows,
   * and expands shared structures exponentially. Span data is not judged for secrets here (each
   * backend does that for span data), so the copy is made with no keys.
   */
  private static String render(Object container) {
    return String.valueOf(BOUNDED_COPY.walk().value(container, 1));
  }
}
