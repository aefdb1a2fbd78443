package dev.obskit.core.internal.errors;

import dev.obskit.api.User;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global error scope (user, tags, named contexts). Copy-on-write: captures read one volatile
 * snapshot without locking; updates are rare and serialised.
 */
public final class ErrorScope {
  private volatile Snapshot snapshot = new Snapshot(null, Map.of(), Map.of());

  /** The current scope, read without locking. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Replaces the user; null clears it. */
  public synchronized void setUser(User user) {
    Snapshot s = snapshot;
    snapshot = new Snapshot(user, s.tags, s.contexts);
  }

  /** Sets a tag; null removes it. */
  public synchronized void setTag(String key, String value) {
    Snapshot s = snapshot;
    Map<String, String> tags = new LinkedHashMap<>(s.tags);
    if (value == null) {
      tags.remove(key);
    } else {
      tags.put(key, value);
    }
    snapshot = new Snapshot(s.user, Collections.unmodifiableMap(tags), s.contexts);
  }

  /** Sets a named context (copied); null removes it. */
  public synchronized void setContext(String name, Map<String, Object> values) {
    Snapshot s = snapshot;
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>(s.contexts);
    if (values == null) {
      contexts.remove(name);
    } else {
      contexts.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
    snapshot = new Snapshot(s.user, s.tags, Collections.unmodifiableMap(contexts));
  }

  /** One consistent view of the scope. */
  public static final class Snapshot {
    private final User user;
    private final Map<String, String> tags;
    private final Map<String, Map<String, Object>> contexts;

    Snapshot(User user, Map<String, String> tags, Map<String, Map<String, Object>> contexts) {
      this.user = user;
      this.tags = tags;
      this.contexts = contexts;
    }

    /** The user, or null. */
    public User user() {
      return user;
    }

    /** The tags (unmodifiable). */
    public Map<String, String> tags() {
      return tags;
    }

    /** The named contexts (unmodifiable). */
    public Map<String, Map<String, Object>> contexts() {
      return contexts;
    }
  }
}
