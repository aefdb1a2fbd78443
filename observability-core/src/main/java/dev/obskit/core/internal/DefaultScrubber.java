package dev.obskit.core.internal;

import dev.obskit.api.spi.Scrubber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

  /** Keys whose verdict is remembered at most; further keys are matched on every call. */
  static final int MAX_REMEMBERED_KEYS = 4096;
  /**
   * Longer keys are never remembered: keys of nested maps are whatever the application's objects
   * print, and the bound is meant in memory, not only in entries (telemetry keys are short).
   */
  static final int MAX_REMEMBERED_KEY_LENGTH = 128;

  private final String[] needles;
  /**
   * Verdicts for keys seen before. Matching a key against every configured key was the costliest
   * part of capturing an error (every key of the context and of nested maps, twice with a Sentry
   * backend); telemetry keys are few and repeat, so after the first capture it is one look-up.
   * Bounded: an application with unbounded keys gets the uncached match, never a growing map.
   */
  private final ConcurrentHashMap<String, Boolean> verdicts = new ConcurrentHashMap<>();

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
    Boolean known = verdicts.get(key);
    if (known != null) {
      return known;
    }
    boolean sensitive = matches(key);
    // size() is approximate under races: the bound may be overshot by a few entries, never grown.
    if (key.length() <= MAX_REMEMBERED_KEY_LENGTH && verdicts.size() < MAX_REMEMBERED_KEYS) {
      verdicts.putIfAbsent(key, sensitive);
    }
    return sensitive;
  }

  /** Keys whose verdict is remembered (for tests). */
  int rememberedKeys() {
    return verdicts.size();
  }

  private boolean matches(String key) {
    for (String needle : needles) {
      if (containsNormalized(key, needle)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code normalize(key)} contains {@code needle}, without building the normalised key
   * (this runs for every key of every captured error and event). Non-ASCII keys take the exact
   * path, since lower-casing a whole string can differ from lower-casing it char by char.
   */
  static boolean containsNormalized(String key, String needle) {
    int n = key.length();
    for (int i = 0; i < n; i++) {
      if (key.charAt(i) >= 0x80) {
        return normalize(key).contains(needle);
      }
    }
    int m = needle.length();
    for (int start = 0; start < n; start++) {
      int p = start;
      int j = 0;
      while (j < m && p < n) {
        char c = key.charAt(p++);
        if (c == '-' || c == '_' || c == '.') {
          if (j == 0) {
            break; // a match starts at a kept character; the next start covers this one
          }
          continue;
        }
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + ('a' - 'A'));
        }
        if (c != needle.charAt(j)) {
          break;
        }
        j++;
      }
      if (j == m) {
        return true;
      }
    }
    return false;
  }

  /** A value scrubbed as inside a scrubbed map (nested maps, collections and arrays are copied). */
  public Object scrubNested(Object value) {
    return scrubValue(value, 1);
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
