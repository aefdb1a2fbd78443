package dev.obskit.api.spi;

import dev.obskit.api.Breadcrumb;
import dev.obskit.api.User;
import java.util.List;
import java.util.Map;

/**
 * One consistent, immutable view of a scope's user, tags, named contexts and breadcrumbs (see
 * {@link dev.obskit.api.Observability#isolate()}): what a backend attaches to a transaction it
 * sends. Errors already carry theirs in the {@link dev.obskit.api.ErrorEvent}.
 */
public interface ScopeData {
  /** The user, or null. */
  User user();

  /** The tags (unmodifiable), never null. */
  Map<String, String> tags();

  /** The named contexts (unmodifiable), never null. */
  Map<String, Map<String, Object>> contexts();

  /** The breadcrumbs, oldest first (unmodifiable), never null. */
  List<Breadcrumb> breadcrumbs();

  /** A scope with nothing in it. */
  static ScopeData empty() {
    return EmptyScopeData.INSTANCE;
  }
}

/** The shared empty scope view. */
final class EmptyScopeData implements ScopeData {
  static final EmptyScopeData INSTANCE = new EmptyScopeData();
  static final java.util.function.Supplier<ScopeData> SUPPLIER = () -> INSTANCE;

  private EmptyScopeData() {}

  @Override
  public User user() {
    return null;
  }

  @Override
  public Map<String, String> tags() {
    return Map.of();
  }

  @Override
  public Map<String, Map<String, Object>> contexts() {
    return Map.of();
  }

  @Override
  public List<Breadcrumb> breadcrumbs() {
    return List.of();
  }
}
