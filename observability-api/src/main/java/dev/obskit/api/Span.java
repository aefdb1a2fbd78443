package dev.obskit.api;

import java.util.Map;

/**
 * A unit of work in a trace. A span from {@link Observability#startSpan(String)} is current on
 * the calling thread until it is closed; closing ends it and restores the previous current span.
 *
 * <pre>{@code
 * try (Span span = obs.startSpan("generate_question")) {
 *   span.setAttribute("difficulty", "hard");
 * }
 * }</pre>
 *
 * <p>Every method is thread-safe, returns promptly and never throws; calls after {@link #end()}
 * are ignored.
 */
public interface Span extends AutoCloseable {
  /** Sets a string attribute; a null value removes nothing and is ignored. */
  Span setAttribute(String key, String value);

  /** Sets a long attribute. */
  Span setAttribute(String key, long value);

  /** Sets a double attribute. */
  Span setAttribute(String key, double value);

  /** Sets a boolean attribute. */
  Span setAttribute(String key, boolean value);

  /** Adds a timestamped event without attributes. */
  Span addEvent(String name);

  /** Adds a timestamped event with attributes (String, Long/Integer, Double, Boolean values). */
  Span addEvent(String name, Map<String, ?> attributes);

  /** Sets the status; {@code description} is kept for {@link SpanStatus#ERROR} only. */
  Span setStatus(SpanStatus status, String description);

  /** Same as {@code setStatus(status, "")}. */
  default Span setStatus(SpanStatus status) {
    return setStatus(status, "");
  }

  /** Records an exception as a span event; does not change the status. */
  Span recordException(Throwable error);

  /** Renames the span. */
  Span updateName(String name);

  /** The span's identity; {@link SpanContext#invalid()} for a no-op span. */
  SpanContext context();

  /** Whether this span records anything (false when unsampled or no-op). */
  boolean isRecording();

  /**
   * Makes this span current on the calling thread until the returned scope is closed. Needed
   * only for detached spans ({@link SpanBuilder#startDetached()}) or on another thread.
   */
  Scope makeCurrent();

  /** Ends the span now. Only the first call counts. Does not change what is current. */
  void end();

  /**
   * Ends the span and, if this span was made current by the call that started it, restores the
   * span that was current before. Never throws.
   */
  @Override
  void close();

  /** A span that records nothing. */
  static Span noop() {
    return NoopSpan.INSTANCE;
  }
}
