package dev.obskit.core.internal.trace;

import dev.obskit.core.internal.errors.ErrorScope;
import java.util.Map;

/**
 * What the core keeps current on a thread: the facade span (or null), the baggage and the request
 * scope (or null: the process-wide one). Immutable.
 */
public final class CoreContext {
  public static final CoreContext ROOT = new CoreContext(null, Map.of(), null);

  private final CoreSpan span;
  private final Map<String, String> baggage;
  private final ErrorScope scope;

  CoreContext(CoreSpan span, Map<String, String> baggage, ErrorScope scope) {
    this.span = span;
    this.baggage = baggage;
    this.scope = scope;
  }

  /** The current facade span, or null. */
  public CoreSpan span() {
    return span;
  }

  /** The current baggage (unmodifiable), never null. */
  public Map<String, String> baggage() {
    return baggage;
  }

  /** The request scope opened by {@code isolate()}, or null outside any. */
  public ErrorScope scope() {
    return scope;
  }

  /** This context with other baggage (unmodifiable), the same span and scope. */
  public CoreContext withBaggage(Map<String, String> b) {
    return new CoreContext(span, b, scope);
  }

  /** This context with another request scope, the same span and baggage. */
  public CoreContext withScope(ErrorScope s) {
    return new CoreContext(span, baggage, s);
  }
}
