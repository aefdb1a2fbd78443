package dev.obskit.api.spi;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import java.util.Map;

/**
 * A sink's view of one started span. The core calls it from any thread, but never after
 * {@link #end(long)}. Timestamps come from the core so that primary and mirrors agree.
 */
public interface SpanHandle {
  /** The span's ids (assigned by the primary). */
  SpanContext context();

  /** Whether this span records (false when unsampled). */
  boolean isRecording();

  /** Sets a string attribute. */
  void setAttribute(String key, String value);

  /** Sets a long attribute. */
  void setAttribute(String key, long value);

  /** Sets a double attribute. */
  void setAttribute(String key, double value);

  /** Sets a boolean attribute. */
  void setAttribute(String key, boolean value);

  /** Adds an event; attribute values are String, Long, Double or Boolean. */
  void addEvent(String name, Map<String, Object> attributes, long epochNanos);

  /** Sets the status. */
  void setStatus(SpanStatus status, String description);

  /** Records an exception as an event. */
  void recordException(Throwable error, long epochNanos);

  /** Renames the span. */
  void updateName(String name);

  /**
   * Ends the span at {@code epochNanos}. Called once. Here and in {@link #addEvent} and
   * {@link #recordException}, 0 means "now" for a sink that {@linkplain SpanSink#readsOwnClock()
   * reads its own clock} (only such a sink gets 0).
   */
  void end(long epochNanos);

  /** A handle that records nothing and has the given ids. */
  static SpanHandle noop(SpanContext context) {
    return new NoopSpanHandle(context);
  }
}
