package dev.obskit.testkit.sentry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** JSON helpers for received Sentry payloads (Jackson comes with observability-core). */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException if {@code text} is not a JSON object
   */
  public static Map<String, Object> parseObject(String text) {
    try {
      return MAPPER.readValue(text, MAP);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object: " + abbreviate(text), e);
    }
  }

  /**
   * The value at a dotted path ({@code contexts.trace.trace_id}; list indexes as numbers:
   * {@code exception.values.0.type}), or null if any step is missing.
   */
  public static Object at(Map<String, ?> root, String path) {
    Object current = root;
    for (String step : path.split("\\.")) {
      if (current instanceof Map) {
        current = ((Map<?, ?>) current).get(step);
      } else if (current instanceof List) {
        List<?> list = (List<?>) current;
        int i;
        try {
          i = Integer.parseInt(step);
        } catch (NumberFormatException e) {
          return null;
        }
        current = i >= 0 && i < list.size() ? list.get(i) : null;
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
