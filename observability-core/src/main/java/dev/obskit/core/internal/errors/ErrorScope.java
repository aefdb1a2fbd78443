package dev.obskit.core.internal.errors;

import dev.obskit.api.Breadcrumb;
import dev.obskit.api.User;
import dev.obskit.api.spi.ScopeData;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.SdkSettings;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One scope's user, tags, named contexts and breadcrumbs: the process-wide scope, or a request
 * scope opened by {@code isolate()}. Thread-safe: a request scope is shared by the tasks a
 * request hands to other threads.
 *
 * <p>Updates record the change under the lock (a tag costs the same with 8 or 8 000 tags set, in
 * this scope or the one it was forked from: see {@link ScopeEntries}); a capture reads one
 * immutable snapshot, built once after each change and then shared by every capture until the
 * next change. Each kind of entry is bounded per scope: a new tag or
 * context over its limit is dropped, the oldest breadcrumb over its limit is evicted, both
 * counted.
 */
public final class ErrorScope implements Supplier<ScopeData> {
  static final String TAG_LIMIT = "scope_tag_limit";
  static final String CONTEXT_LIMIT = "scope_context_limit";
  static final String BREADCRUMB_LIMIT = "scope_breadcrumb_limit";
  private static final Snapshot EMPTY = new Snapshot(null, Map.of(), Map.of(), List.of());

  private final DropReporter drops;
  private final SdkSettings.Limits limits;
  private User user;
  private final ScopeEntries<String> tags;
  private final ScopeEntries<Map<String, Object>> contexts;
  private ArrayDeque<Breadcrumb> breadcrumbs;
  /** The snapshot of the current state, or null after a change (rebuilt on the next read). */
  private volatile Snapshot cached;

  /** An empty scope whose entries are bounded by {@code limits}; what does not fit is dropped and reported. */
  public ErrorScope(DropReporter drops, SdkSettings.Limits limits) {
    this.drops = drops;
    this.limits = limits;
    this.tags = new ScopeEntries<>(Map.of());
    this.contexts = new ScopeEntries<>(Map.of());
    this.cached = EMPTY;
  }

  private ErrorScope(DropReporter drops, SdkSettings.Limits limits, Snapshot parent) {
    this.drops = drops;
    this.limits = limits;
    this.user = parent.user;
    // The parent's maps are immutable: shared, not copied (see ScopeEntries).
    this.tags = new ScopeEntries<>(parent.tags);
    this.contexts = new ScopeEntries<>(parent.contexts);
  }

  /**
   * A new scope starting with this one's user, tags and contexts and no breadcrumbs (Sentry's
   * isolation scope, forked per request: the steps of one request are not another's).
   */
  public ErrorScope fork() {
    return new ErrorScope(drops, limits, snapshot());
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
        List<Breadcrumb> b = breadcrumbs == null || breadcrumbs.isEmpty() ? List.of() : List.copyOf(breadcrumbs);
        s = new Snapshot(user, tags.view(), contexts.view(), b);
        cached = s;
      }
      return s;
    }
  }

  @Override
  public ScopeData get() {
    return snapshot();
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
        tags.remove(key);
      } else if (!tags.contains(key) && tags.size() >= limits.maxScopeTags()) {
        full = true;
      } else {
        tags.put(key, value);
      }
      if (!full) {
        cached = null;
      }
    }
    if (full) {
      // Counted outside the lock: the warning may log.
      drops.drop(TAG_LIMIT, () -> "tag '" + key + "' not set: the scope already holds limits.max_scope_tags="
          + limits.maxScopeTags() + " tags");
    }
    return !full;
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
        contexts.remove(name);
      } else if (!contexts.contains(name) && contexts.size() >= limits.maxScopeContexts()) {
        full = true;
      } else {
        contexts.put(name, Collections.unmodifiableMap(values));
      }
      if (!full) {
        cached = null;
      }
    }
    if (full) {
      drops.drop(CONTEXT_LIMIT, () -> "context '" + name + "' not set: the scope already holds limits.max_scope_contexts="
          + limits.maxScopeContexts() + " contexts");
    }
    return !full;
  }

  /** Adds a breadcrumb; beyond {@code limits.max_breadcrumbs} the oldest is evicted and counted. */
  public void addBreadcrumb(Breadcrumb crumb) {
    int max = limits.maxBreadcrumbs();
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
