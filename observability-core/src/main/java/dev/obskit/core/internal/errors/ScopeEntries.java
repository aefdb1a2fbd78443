package dev.obskit.core.internal.errors;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kind of entry of a scope (tags, or named contexts): an immutable base shared with the
 * scope it was forked from, plus this scope's own changes. Setting an entry costs the same
 * however many the base holds, so a request scope opened under thousands of process-wide tags
 * neither copies them when opened nor when it sets its first tag; the merged view is built only
 * when a capture reads it, and then becomes the new base. Not thread-safe: the owning scope locks.
 */
final class ScopeEntries<V> {
  /** Marks a key of the base removed in this scope. */
  private static final Object REMOVED = new Object();

  private Map<String, V> base;
  /** Changes since the base: a value, or {@link #REMOVED}; null while there are none. */
  private Map<String, Object> changes;
  private int size;

  ScopeEntries(Map<String, V> base) {
    this.base = base;
    this.size = base.size();
  }

  int size() {
    return size;
  }

  boolean contains(String key) {
    if (changes != null) {
      Object v = changes.get(key);
      if (v != null) {
        return v != REMOVED;
      }
    }
    return base.containsKey(key);
  }

  void put(String key, V value) {
    boolean present = contains(key);
    changes().put(key, value);
    if (!present) {
      size++;
    }
  }

  void remove(String key) {
    if (!contains(key)) {
      return;
    }
    if (base.containsKey(key)) {
      changes().put(key, REMOVED);
    } else {
      changes.remove(key);
    }
    size--;
  }

  private Map<String, Object> changes() {
    if (changes == null) {
      changes = new HashMap<>();
    }
    return changes;
  }

  /** The merged, unmodifiable view; it becomes the new base (built again only after a change). */
  @SuppressWarnings("unchecked")
  Map<String, V> view() {
    if (changes == null) {
      return base;
    }
    Map<String, V> merged = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : changes.entrySet()) {
      if (e.getValue() == REMOVED) {
        merged.remove(e.getKey());
      } else {
        merged.put(e.getKey(), (V) e.getValue());
      }
    }
    base = merged.isEmpty() ? Map.of() : Collections.unmodifiableMap(merged);
    changes = null;
    return base;
  }
}
