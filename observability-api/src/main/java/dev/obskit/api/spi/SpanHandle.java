package dev.obskit.api.spi;

import dev.obskit.api.Scope;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import java.util.Map;

/**
 * A sink's view of one started span. The core calls it from any thread, but never after the
 * span's end.
 *
 * <p>Times: with several trace backends the core passes the same times to all of them (the
 * methods with an {@code epochNanos} parameter); with one it calls the methods without a time,
 * and the sink reads its own clock, as its SDK would for a span started directly. The defaults
 * of those methods read {@link SpanClock}.
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

  /** Adds an event now, by the sink's own clock (see the class comment). */
  default void addEvent(String name, Map<String, Object> attributes) {
    addEvent(name, attributes, SpanClock.nowEpochNanos());
  }

  /** Sets the status. */
  void setStatus(SpanStatus status, String description);

  /** Records an exception as an event. */
  void recordException(Throwable error, long epochNanos);

  /** Records an exception as an event now, by the sink's own clock (see the class comment). */
  default void recordException(Throwable error) {
    recordException(error, SpanClock.nowEpochNanos());
  }

  /** Renames the span. */
  void updateName(String name);

  /** Ends the span at {@code epochNanos}. The core ends a span once, by this or {@link #end()}. */
  void end(long epochNanos);

  /** Ends the span now, by the sink's own clock (see the class comment). */
  default void end() {
    end(SpanClock.nowEpochNanos());
  }

  /**
   * For a sink that {@linkplain SpanSink#ownsContext() owns the context}: makes this span the
   * current one in the sink's context until the scope closes. Never called otherwise.
   */
  default Scope makeCurrent() {
    return Scope.noop();
  }

  /**
   * For a sink that owns the context: whether this span is the current one in it. The core asks
   * this first, with the facade span it made current last on this thread, because that is the
   * usual answer; when false it asks {@link SpanSink#currentContext()}. A sink that can tell by
   * identity spares a conversion of the current span's ids on every error.
   */
  default boolean isCurrent() {
    return false;
  }

  /** A handle that records nothing and has the given ids. */
  static SpanHandle noop(SpanContext context) {
    return new NoopSpanHandle(context);
  }
}
