package dev.obskit.core.internal;

import dev.obskit.api.spi.Scrubber;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** The keys as configured (before normalising), for {@link #withKeys}. */
  private final List<String> keys;
  private final String[] needles;
  /**
   * Verdicts for keys seen before. Matching a key against every configured key was the costliest
   * part of capturing an error (every key of the context and of nested maps, twice with a Sentry
   * backend); telemetry keys are few and repeat, so after the first capture it is one look-up.
   * Bounded: an application with unbounded keys gets the uncached match, never a growing map.
   */
  private final ConcurrentHashMap<String, Boolean> verdicts = new ConcurrentHashMap<>();

  public DefaultScrubber(Collection<String> keys) {
    this.keys = List.copyOf(keys);
    this.needles = this.keys.stream().map(DefaultScrubber::normalize).filter(k -> !k.isEmpty()).distinct()
        .toArray(String[]::new);
  }

  /**
   * This scrubber's keys plus {@code extraKeys}, matched by the same rule: what a backend gets
   * for keys of its own settings (such as {@code sentry.scrub_keys}).
   */
  public DefaultScrubber withKeys(Collection<String> extraKeys) {
    if (extraKeys.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(keys);
    all.addAll(extraKeys);
    return new DefaultScrubber(all);
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
   * Whether {@code normalize(key)} contains {@code needle}. Non-ASCII keys are normalised as a
   * whole, since lower-casing a whole string can differ from lower-casing it char by char.
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

  /**
   * Values copied per scrub at most (map entries, list elements and leaves, at every depth).
   * The budget is what makes shared and cyclic structures safe: {@code m = {a: m, b: m}} doubles
   * at every level, so a depth limit alone still means 2^32 copies; a count of nodes does not care
   * about the shape. Beyond it containers become {@value #TRUNCATED}.
   */
  public static final int MAX_NODES = 2_000;
  /** What a container beyond the node budget or the depth limit becomes. */
  public static final String TRUNCATED = "[truncated]";
  /** What a container inside itself becomes (the second time it is met on one path). */
  public static final String CYCLE = "[cycle]";

  /** A new walk: one budget for every value copied through it (one capture's data). */
  public Walk walk() {
    return new Walk();
  }

  @Override
  public Map<String, Object> scrub(Map<String, ?> values) {
    if (values == null) {
      return new LinkedHashMap<>();
    }
    return new Walk().map(values, 0);
  }

  @Override
  public boolean isClean(Map<String, ?> values) {
    // Most maps a Sentry event carries are empty (extras, tags): no check object, no iterator.
    return values == null || values.isEmpty() || new CleanCheck().entries(values, 0);
  }

  /** Scrubs string tags, keeping their type. */
  public Map<String, String> scrubTags(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach((k, v) -> out.put(k, isSensitiveKey(k) ? FILTERED : v));
    return out;
  }

  /** Whether the scrubber copies {@code value} element by element (a map, a collection or an array). */
  public static boolean isContainer(Object value) {
    return value instanceof Map || value instanceof Collection || value instanceof Object[];
  }

  /** Whether {@code value} is a floating-point number JSON cannot carry (NaN, +/-Infinity). */
  public static boolean nonFinite(Object value) {
    return value instanceof Double && !Double.isFinite((Double) value)
        || value instanceof Float && !Float.isFinite((Float) value);
  }

  /**
   * One copy of caller data: scrubbed by key, cut at {@link #MAX_NODES} nodes and {@link
   * #MAX_DEPTH} levels, cycles replaced by {@link #CYCLE}, non-finite numbers left out. Counts
   * what it left out, for the caller to report. Not thread-safe (one walk per call).
   */
  public final class Walk {
    private int nodes;
    private int nonFinite;
    private boolean truncated;
    /** The containers on the path to the value being copied (identity), for cycle detection. */
    private final ArrayList<Object> path = new ArrayList<>();

    private Walk() {}

    /** Non-finite numbers left out so far. */
    public int nonFinite() {
      return nonFinite;
    }

    /** True (and counted) when {@code value} is non-finite and must be left out. */
    public boolean leaveOut(Object value) {
      if (DefaultScrubber.nonFinite(value)) {
        nonFinite++;
        return true;
      }
      return false;
    }

    /** Whether some container was cut at the node budget or the depth limit. */
    public boolean truncated() {
      return truncated;
    }

    /** A copy of one value found at {@code depth} (the top level of a map is 1). */
    public Object value(Object value, int depth) {
      nodes++;
      if (!isContainer(value)) {
        return value;
      }
      if (depth > MAX_DEPTH || nodes > MAX_NODES) {
        truncated = true;
        return TRUNCATED;
      }
      for (int i = 0; i < path.size(); i++) {
        if (path.get(i) == value) {
          return CYCLE;
        }
      }
      path.add(value);
      try {
        if (value instanceof Map) {
          return map((Map<?, ?>) value, depth);
        }
        Iterable<?> items = value instanceof Collection ? (Collection<?>) value : Arrays.asList((Object[]) value);
        List<Object> out = new ArrayList<>();
        for (Object o : items) {
          if (DefaultScrubber.nonFinite(o)) {
            nonFinite++;
            continue;
          }
          if (nodes >= MAX_NODES) {
            truncated = true;
            out.add(TRUNCATED);
            break;
          }
          out.add(value(o, depth + 1));
        }
        return out;
      } finally {
        path.remove(path.size() - 1);
      }
    }

    Map<String, Object> map(Map<?, ?> values, int depth) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : values.entrySet()) {
        Object v = e.getValue();
        if (DefaultScrubber.nonFinite(v)) {
          nonFinite++;
          continue;
        }
        if (nodes >= MAX_NODES) {
          truncated = true;
          out.put("...", TRUNCATED);
          break;
        }
        String key = String.valueOf(e.getKey());
        out.put(key, isSensitiveKey(key) ? FILTERED : value(v, depth + 1));
      }
      return out;
    }
  }

  /**
   * Answers {@link #isClean}: whether a {@link Walk} would copy {@code values} unchanged. Errs on
   * the side of "not clean" (a needless copy, never a missed secret): it gives up one level and
   * one value earlier than the walk would cut, and a cycle runs into the depth bound.
   */
  private final class CleanCheck {
    private int nodes;

    boolean entries(Map<?, ?> values, int depth) {
      for (Map.Entry<?, ?> e : values.entrySet()) {
        if (isSensitiveKey(String.valueOf(e.getKey()))
            ? !FILTERED.equals(e.getValue()) || ++nodes >= MAX_NODES
            : !value(e.getValue(), depth + 1)) {
          return false;
        }
      }
      return true;
    }

    private boolean value(Object value, int depth) {
      if (++nodes >= MAX_NODES || nonFinite(value) || value instanceof Object[]) {
        return false;
      }
      if (!isContainer(value)) {
        return true;
      }
      if (depth >= MAX_DEPTH) {
        return false;
      }
      if (value instanceof Map) {
        return entries((Map<?, ?>) value, depth);
      }
      for (Object item : (Collection<?>) value) {
        if (!value(item, depth + 1)) {
          return false;
        }
      }
      return true;
    }
  }
}
