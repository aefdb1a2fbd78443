package dev.obskit.api;

/**
 * Configures a span before it starts. Obtain one from {@link Observability#spanBuilder(String)}.
 * Not thread-safe; use once.
 */
public interface SpanBuilder {
  /** The span kind; {@link SpanKind#INTERNAL} by default. */
  SpanBuilder kind(SpanKind kind);

  /**
   * An explicit parent, for example one returned by {@link Observability#extract}. Without it the
   * parent is the current span, if any.
   */
  SpanBuilder parent(SpanContext parent);

  /** Start a new trace even if a span is current. */
  SpanBuilder noParent();

  /** Adds a link to a span in this or another trace. */
  SpanBuilder link(SpanContext linked);

  /** Sets a string attribute at start (visible to samplers). */
  SpanBuilder attribute(String key, String value);

  /** Sets a long attribute at start. */
  SpanBuilder attribute(String key, long value);

  /** Sets a double attribute at start. */
  SpanBuilder attribute(String key, double value);

  /** Sets a boolean attribute at start. */
  SpanBuilder attribute(String key, boolean value);

  /** Overrides the start time, in nanoseconds since the epoch. */
  SpanBuilder startTimestampNanos(long epochNanos);

  /**
   * Starts the span and makes it current on this thread; {@link Span#close()} ends it and
   * restores the previous current span.
   */
  Span start();

  /**
   * Starts the span without making it current (for work that ends on another thread). End it
   * with {@link Span#end()}; use {@link Span#makeCurrent()} to make it current somewhere.
   */
  Span startDetached();
}
