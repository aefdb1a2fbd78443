package dev.obskit.core.internal.errors;

import dev.obskit.api.Breadcrumb;
import dev.obskit.api.User;
import dev.obskit.api.spi.ScopeData;
import dev.obskit.core.internal.Drops;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One scope's user, tags, named contexts and breadcrumbs: the process-wide scope, or a request
 * scope opened by {@code isolate()}. Thread-safe: a request scope is shared by the tasks a
 * request hands to other threads.
 *
 * <p>Updates change the maps in place under the lock (a tag costs the same with 8 or 8 000 tags
 * set); a capture reads one immutable snapshot, built once after each change and then shared by
 * every capture until the next change. Each kind of entry is bounded per scope: a new tag or
 * context over its limit is dropped, the oldest breadcrumb over its limit is evicted, both
 * counted.
 */
public final class ErrorScope implements Supplier<ScopeData> {
  static final String TAG_LIMIT = "scope_tag_limit";
  static final String CONTEXT_LIMIT = "scope_context_limit";
  static final String BREADCRUMB_LIMIT = "scope_breadcrumb_limit";
  private static final Snapshot EMPTY = new Snapshot(null, Map.of(), Map.of(), List.of());

  private final Drops drops;
  private User user;
  /*
   * A fork starts with its parent's snapshot maps and copies them on its first change of that
   * kind, so that opening a scope per request costs no copy of the process-wide tags.
   */
  private Map<String, String> tags;
  private boolean tagsShared;
  private Map<String, Map<String, Object>> contexts;
  private boolean contextsShared;
  private ArrayDeque<Breadcrumb> breadcrumbs;
  /** The snapshot of the current state, or null after a change (rebuilt on the next read). */
  private volatile Snapshot cached;

  /** An empty scope whose entries are bounded by {@code drops.limits()}. */
  public ErrorScope(Drops drops) {
    this.drops = drops;
    this.tags = Map.of();
    this.tagsShared = true;
    this.contexts = Map.of();
    this.contextsShared = true;
    this.cached = EMPTY;
  }

  private ErrorScope(Drops drops, Snapshot parent) {
    this.drops = drops;
    this.user = parent.user;
    this.tags = parent.tags;
    this.tagsShared = true;
    this.contexts = parent.contexts;
    this.contextsShared = true;
  }

  /**
   * A new scope starting with this one's user, tags and contexts and no breadcrumbs (Sentry's
   * isolation scope, forked per request: the steps of one request are not another's).
   */
  public ErrorScope fork() {
    return new ErrorScope(drops, snapshot());
  }

  /** The current state, read without locking unless it changed since the last read. */
  public Snapshot snapshot() {
    Snapshot s = cached;
    if (s != null) {
      return s;
    }
    synchronized (this) {
      s = cached;
      if (s == null) {
        s = build();
        cached = s;
      }
      return s;
    }
  }

  @Override
  public ScopeData get() {
    return snapshot();
  }

  private Snapshot build() {
    Map<String, String> t = tags;
    if (!tagsShared) {
      t = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
      // The copy is immutable: share it until the next change instead of copying again.
      tags = t;
      tagsShared = true;
    }
    Map<String, Map<String, Object>> c = contexts;
    if (!contextsShared) {
      c = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
      contexts = c;
      contextsShared = true;
    }
    List<Breadcrumb> b = breadcrumbs == null || breadcrumbs.isEmpty() ? List.of() : List.copyOf(breadcrumbs);
    return new Snapshot(user, t, c, b);
  }

  /** Replaces the user; null clears it. */
  public synchronized void setUser(User user) {
    this.user = user;
    cached = null;
  }

  /**
   * Sets a tag; null removes it. A new key beyond {@code limits.max_scope_tags} is dropped and
   * counted.
   *
   * @return whether the scope now holds what was asked
   */
  public boolean setTag(String key, String value) {
    boolean full = false;
    synchronized (this) {
      if (value == null) {
        if (!tags.containsKey(key)) {
          return true;
        }
        ownTags().remove(key);
        cached = null;
      } else if (!tags.containsKey(key) && tags.size() >= drops.limits().maxScopeTags()) {
        full = true;
      } else {
        ownTags().put(key, value);
        cached = null;
      }
    }
    if (full) {
      // Counted outside the lock: the warning may log.
      drops.drop(TAG_LIMIT, () -> "tag '" + key + "' not set: the scope already holds limits.max_scope_tags="
          + drops.limits().maxScopeTags() + " tags");
    }
    return !full;
  }

  private Map<String, String> ownTags() {
    if (tagsShared) {
      tags = new LinkedHashMap<>(tags);
      tagsShared = false;
    }
    return tags;
  }

  /**
   * Sets a named context (already a private copy, taken as is); null removes it. A new name
   * beyond {@code limits.max_scope_contexts} is dropped and counted.
   *
   * @return whether the scope now holds what was asked
   */
  public boolean setContext(String name, Map<String, Object> values) {
    boolean full = false;
    synchronized (this) {
      if (values == null) {
        if (!contexts.containsKey(name)) {
          return true;
        }
        ownContexts().remove(name);
        cached = null;
      } else if (!contexts.containsKey(name) && contexts.size() >= drops.limits().maxScopeContexts()) {
        full = true;
      } else {
        ownContexts().put(name, Collections.unmodifiableMap(values));
        cached = null;
      }
    }
    if (full) {
      drops.drop(CONTEXT_LIMIT, () -> "context '" + name + "' not set: the scope already holds limits.max_scope_contexts="
          + drops.limits().maxScopeContexts() + " contexts");
    }
    return !full;
  }

  private Map<String, Map<String, Object>> ownContexts() {
    if (contextsShared) {
      contexts = new LinkedHashMap<>(contexts);
      contextsShared = false;
    }
    return contexts;
  }

  /** Adds a breadcrumb; beyond {@code limits.max_breadcrumbs} the oldest is evicted and counted. */
  public void addBreadcrumb(Breadcrumb crumb) {
    int max = drops.limits().maxBreadcrumbs();
    boolean evicted = false;
    synchronized (this) {
      if (breadcrumbs == null) {
        breadcrumbs = new ArrayDeque<>(Math.min(max, 16));
      }
      if (breadcrumbs.size() >= max) {
        breadcrumbs.pollFirst();
        evicted = true;
      }
      breadcrumbs.addLast(crumb);
      cached = null;
    }
    if (evicted) {
      drops.drop(BREADCRUMB_LIMIT, () -> "the oldest breadcrumb of a scope was evicted: at most limits.max_breadcrumbs="
          + max + " are kept per scope");
    }
  }

  /** One consistent, immutable view of a scope. */
  public static final class Snapshot implements ScopeData {
    private final User user;
    private final Map<String, String> tags;
    private final Map<String, Map<String, Object>> contexts;
    private final List<Breadcrumb> breadcrumbs;

    Snapshot(User user, Map<String, String> tags, Map<String, Map<String, Object>> contexts,
        List<Breadcrumb> breadcrumbs) {
      this.user = user;
      this.tags = tags;
      this.contexts = contexts;
      this.breadcrumbs = breadcrumbs;
    }

    @Override
    public User user() {
      return user;
    }

    @Override
    public Map<String, String> tags() {
      return tags;
    }

    @Override
    public Map<String, Map<String, Object>> contexts() {
      return contexts;
    }

    @Override
    public List<Breadcrumb> breadcrumbs() {
      return breadcrumbs;
    }
  }
}
