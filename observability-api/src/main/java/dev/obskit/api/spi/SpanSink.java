package dev.obskit.api.spi;

import dev.obskit.api.Scope;
import dev.obskit.api.SpanContext;

/**
 * Starts spans. As the primary trace backend a sink assigns ids; as a mirror it reuses the ids
 * in {@link SpanStart#assignedContext()}.
 *
 * <p>A primary whose SDK has its own notion of "the current span" (OpenTelemetry's Context)
 * returns true from {@link #ownsContext()} and implements the context methods, so that facade
 * spans and spans of other instrumentation nest both ways. Otherwise the core keeps the current
 * span itself and the context methods are never called.
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
   * Whether {@code handle}, one this sink started, is the current span in this sink's context.
   * The core asks this first, with the facade span it made current last on this thread, because
   * that is the usual answer: a sink that can tell it by identity spares the core a conversion
   * of the current span's ids on every span start and every error. The default compares ids.
   */
  default boolean isCurrent(SpanHandle handle) {
    SpanContext current = currentContext();
    SpanContext candidate = handle.context();
    return current != null && current.isValid() && candidate != null
        && current.spanId().equals(candidate.spanId()) && current.traceId().equals(candidate.traceId());
  }

  /**
   * Whether this sink takes a time of 0 as "now, by its own clock" for a span's start
   * ({@link SpanStart#startEpochNanos()}), its end ({@link SpanHandle#end(long)}) and its events.
   * When such a sink is the only trace backend the core passes 0 instead of reading a clock
   * itself: one clock instead of two per span, and all times of a span from the same clock.
   * With mirrors the core always passes real times, so that every backend records the same ones.
   */
  default boolean readsOwnClock() {
    return false;
  }

  /**
   * A handle for the current span in this sink's context, which may have been started by other
   * instrumentation; null if none.
   */
  default SpanHandle currentSpan() {
    return null;
  }

  /** Makes {@code handle} (one this sink started) current until the scope closes. */
  default Scope makeCurrent(SpanHandle handle) {
    return Scope.noop();
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
