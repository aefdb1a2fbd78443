package dev.obskit.core.internal;

import dev.obskit.api.spi.Scrubber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scrubs by key: a key is sensitive when, lower-cased and with {@code -}, {@code _} and
 * {@code .} removed, it contains one of the configured keys normalised the same way. Containment
 * (not equality) so that {@code X-Api-Key}, {@code db.password} or {@code access_token} are caught
 * without listing every spelling; a false positive costs a hidden value, a false negative leaks a
 * secret.
 */
public final class DefaultScrubber implements Scrubber {
  /** Deeper structures are cut off: they are almost certainly cyclic. */
  private static final int MAX_DEPTH = 32;

  private final String[] needles;

  public DefaultScrubber(List<String> keys) {
    this.needles = keys.stream().map(DefaultScrubber::normalize).filter(k -> !k.isEmpty()).distinct()
        .toArray(String[]::new);
  }

  static String normalize(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean isSensitiveKey(String key) {
    if (key == null || needles.length == 0) {
      return false;
    }
    String k = normalize(key);
    for (String needle : needles) {
      if (k.contains(needle)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<String, Object> scrub(Map<String, ?> values) {
    if (values == null) {
      return new LinkedHashMap<>();
    }
    return scrubMap(values, 0);
  }

  /** Scrubs string tags, keeping their type. */
  public Map<String, String> scrubTags(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach((k, v) -> out.put(k, isSensitiveKey(k) ? FILTERED : v));
    return out;
  }

  private Map<String, Object> scrubMap(Map<?, ?> values, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : values.entrySet()) {
      String key = String.valueOf(e.getKey());
      out.put(key, isSensitiveKey(key) ? FILTERED : scrubValue(e.getValue(), depth + 1));
    }
    return out;
  }

  private Object scrubValue(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      return FILTERED;
    }
    if (value instanceof Map) {
      return scrubMap((Map<?, ?>) value, depth);
    }
    if (value instanceof Collection) {
      List<Object> out = new ArrayList<>();
      for (Object o : (Collection<?>) value) {
        out.add(scrubValue(o, depth + 1));
      }
      return out;
    }
    if (value instanceof Object[]) {
      List<Object> out = new ArrayList<>();
      for (Object o : (Object[]) value) {
        out.add(scrubValue(o, depth + 1));
      }
      return out;
    }
    return value;
  }
}
