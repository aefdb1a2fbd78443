package dev.obskit.api.spi;

/**
 * Told about spans that other instrumentation started directly in the primary trace backend
 * (for example OpenTelemetry spans from the Java agent), so that mirrors (Sentry with
 * {@code traces: both}) receive them too.
 */
@FunctionalInterface
public interface ForeignSpanListener {
  /**
   * A foreign span started; {@code start.assignedContext()} holds its ids. Returns the handle
   * (usually a fan-out over the mirrors) that the primary must forward attributes, events,
   * status and the end to.
   */
  SpanHandle onStart(SpanStart start);
}
