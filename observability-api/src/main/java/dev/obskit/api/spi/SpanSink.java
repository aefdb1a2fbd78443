package dev.obskit.api.spi;

import dev.obskit.api.SpanContext;

/**
 * Starts spans. As the primary trace backend a sink assigns ids; as a mirror it reuses the ids
 * in {@link SpanStart#assignedContext()}.
 *
 * <p>A primary whose SDK has its own notion of "the current span" (OpenTelemetry's Context)
 * returns true from {@link #ownsContext()} and implements the context methods here and in
 * {@link SpanHandle}, so that facade spans and spans of other instrumentation nest both ways: it
 * then also resolves the parent of a facade span started without an explicit one (see {@link
 * SpanStart#parentIsCurrent()}). Otherwise the core keeps the current span itself and the context
 * methods are never called.
 */
public interface SpanSink {
  /** Starts a span. */
  SpanHandle start(SpanStart start);

  /** Whether this sink, when primary, owns the current-span context. */
  default boolean ownsContext() {
    return false;
  }

  /** The current span's ids in this sink's context, or invalid. */
  default SpanContext currentContext() {
    return SpanContext.invalid();
  }

  /**
   * A handle for the current span in this sink's context, which may have been started by other
   * instrumentation; null if none.
   */
  default SpanHandle currentSpan() {
    return null;
  }

  /** Captures this sink's current context for another thread. */
  default ContextSnapshot captureContext() {
    return ContextSnapshot.none();
  }

  /** Registers the listener for spans started outside the facade (primary only). */
  default void setForeignSpanListener(ForeignSpanListener listener) {}

  /** A sink whose spans record nothing but keep the given or a zero identity. */
  static SpanSink noop() {
    return start -> SpanHandle.noop(start.assignedContext());
  }
}
