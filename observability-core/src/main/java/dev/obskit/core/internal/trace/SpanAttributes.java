package dev.obskit.core.internal.trace;

import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.Drops;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises user attribute maps to the SPI's value types (String, Long, Double, Boolean). */
final class SpanAttributes {
  /** Values rendered per container attribute at most (see {@link #render}). */
  static final int MAX_RENDERED_NODES = 256;

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
      if (DefaultScrubber.nonFinite(v)) {
        drops.drop(Drops.NON_FINITE_VALUE, () -> where + " attribute '" + k + "' is " + v + "; left out");
        return;
      }
      Object value = normalize(v, drops.limits().maxStringLength());
      if (value instanceof String && !drops.checkString((String) value, where + " attribute", k)) {
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
    if (v instanceof Map || v instanceof Collection || v instanceof Object[]) {
      StringBuilder sb = new StringBuilder();
      render(v, sb, new int[] {MAX_RENDERED_NODES}, new java.util.ArrayList<>(), maxLength);
      return sb.length() > maxLength ? sb.substring(0, maxLength) : sb.toString();
    }
    return String.valueOf(v);
  }

  /**
   * A container as text, like its {@code toString}, but within a node budget and with cycles
   * shown as {@value DefaultScrubber#CYCLE}: {@code toString} recurses into a map that holds a
   * list that holds the map until the stack overflows, and expands shared structures
   * exponentially.
   */
  private static void render(Object v, StringBuilder sb, int[] budget, List<Object> path, int maxLength) {
    if (--budget[0] < 0 || sb.length() > maxLength) {
      sb.append("...");
      return;
    }
    boolean container = v instanceof Map || v instanceof Collection || v instanceof Object[];
    if (!container) {
      sb.append(v);
      return;
    }
    for (Object p : path) {
      if (p == v) {
        sb.append(DefaultScrubber.CYCLE);
        return;
      }
    }
    path.add(v);
    if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        if (budget[0] <= 0) {
          sb.append("...");
          break;
        }
        sb.append(e.getKey()).append('=');
        render(e.getValue(), sb, budget, path, maxLength);
      }
      sb.append('}');
    } else {
      Iterable<?> items = v instanceof Collection ? (Collection<?>) v : java.util.Arrays.asList((Object[]) v);
      sb.append('[');
      boolean first = true;
      for (Object o : items) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        if (budget[0] <= 0) {
          sb.append("...");
          break;
        }
        render(o, sb, budget, path, maxLength);
      }
      sb.append(']');
    }
    path.remove(path.size() - 1);
  }
}
