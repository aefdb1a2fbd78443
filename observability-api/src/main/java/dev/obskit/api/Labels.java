package dev.obskit.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable, sorted set of string key/value pairs attached to a measurement.
 *
 * <p>Build labels once and keep them in a constant: the bound-instrument hot path takes a
 * prebuilt {@code Labels} so that a recording allocates nothing.
 *
 * <pre>{@code
 * static final Labels MATH = Labels.of("type", "math");
 * generated.add(1, MATH);
 * }</pre>
 */
public final class Labels {
  private static final Labels EMPTY = new Labels(new String[0]);

  /** Alternating keys and values, sorted by key, keys unique. */
  private final String[] kv;
  private final int hash;

  private Labels(String[] kv) {
    this.kv = kv;
    this.hash = Arrays.hashCode(kv);
  }

  /** The empty label set. */
  public static Labels empty() {
    return EMPTY;
  }

  /** One label. */
  public static Labels of(String key, String value) {
    checkPair(key, value);
    return new Labels(new String[] {key, value});
  }

  /** Two labels. */
  public static Labels of(String k1, String v1, String k2, String v2) {
    checkPair(k1, v1);
    checkPair(k2, v2);
    int c = k1.compareTo(k2);
    if (c == 0) {
      return new Labels(new String[] {k1, v2});
    }
    return new Labels(c < 0 ? new String[] {k1, v1, k2, v2} : new String[] {k2, v2, k1, v1});
  }

  /** Three labels. */
  public static Labels of(String k1, String v1, String k2, String v2, String k3, String v3) {
    return builder().put(k1, v1).put(k2, v2).put(k3, v3).build();
  }

  /**
   * Labels from alternating keys and values.
   *
   * @throws IllegalArgumentException if the count is odd or a key or value is null
   */
  public static Labels ofPairs(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("Labels.ofPairs needs an even number of arguments, got "
          + keyValues.length);
    }
    Builder b = builder();
    for (int i = 0; i < keyValues.length; i += 2) {
      b.put(keyValues[i], keyValues[i + 1]);
    }
    return b.build();
  }

  /** Labels from a map; iteration order does not matter. */
  public static Labels of(Map<String, String> map) {
    Builder b = builder();
    map.forEach(b::put);
    return b.build();
  }

  /** A builder; a later value for the same key replaces the earlier one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of labels. */
  public int size() {
    return kv.length / 2;
  }

  /** Whether there are no labels. */
  public boolean isEmpty() {
    return kv.length == 0;
  }

  /** Key at {@code index} in key order. */
  public String keyAt(int index) {
    return kv[2 * index];
  }

  /** Value at {@code index} in key order. */
  public String valueAt(int index) {
    return kv[2 * index + 1];
  }

  /** The value for {@code key}, or null. */
  public String get(String key) {
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(key)) {
        return kv[i + 1];
      }
    }
    return null;
  }

  /** Calls {@code action} for each label in key order. */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < kv.length; i += 2) {
      action.accept(kv[i], kv[i + 1]);
    }
  }

  /** A new map view (insertion order = key order). */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    forEach(m::put);
    return Collections.unmodifiableMap(m);
  }

  /** A builder starting from these labels. */
  public Builder toBuilder() {
    Builder b = new Builder();
    forEach(b::put);
    return b;
  }

  private static void checkPair(String key, String value) {
    Objects.requireNonNull(key, "label key");
    Objects.requireNonNull(value, () -> "value of label '" + key + "'");
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Labels && hash == ((Labels) o).hash && Arrays.equals(kv, ((Labels) o).kv);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(kv[i]).append('=').append(kv[i + 1]);
    }
    return sb.append('}').toString();
  }

  /** Builds {@link Labels}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> map = new java.util.TreeMap<>();

    private Builder() {}

    /**
     * Adds or replaces a label.
     *
     * @throws NullPointerException if key or value is null
     */
    public Builder put(String key, String value) {
      checkPair(key, value);
      map.put(key, value);
      return this;
    }

    /** The immutable labels. */
    public Labels build() {
      if (map.isEmpty()) {
        return EMPTY;
      }
      String[] kv = new String[map.size() * 2];
      int i = 0;
      for (Map.Entry<String, String> e : map.entrySet()) {
        kv[i++] = e.getKey();
        kv[i++] = e.getValue();
      }
      return new Labels(kv);
    }
  }
}
