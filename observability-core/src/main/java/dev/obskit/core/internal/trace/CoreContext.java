package dev.obskit.core.internal.trace;

import java.util.Map;

/** What the core keeps current on a thread: the facade span (or null) and the baggage. Immutable. */
public final class CoreContext {
  public static final CoreContext ROOT = new CoreContext(null, Map.of());

  private final CoreSpan span;
  private final Map<String, String> baggage;

  public CoreContext(CoreSpan span, Map<String, String> baggage) {
    this.span = span;
    this.baggage = baggage;
  }

  /** The current facade span, or null. */
  public CoreSpan span() {
    return span;
  }

  /** The current baggage (unmodifiable), never null. */
  public Map<String, String> baggage() {
    return baggage;
  }

  /** This context with another current span, the same baggage. */
  public CoreContext withSpan(CoreSpan s) {
    return new CoreContext(s, baggage);
  }

  /** This context with other baggage (unmodifiable), the same span. */
  public CoreContext withBaggage(Map<String, String> b) {
    return new CoreContext(span, b);
  }
}
