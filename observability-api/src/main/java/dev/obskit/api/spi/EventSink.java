package dev.obskit.api.spi;

import dev.obskit.api.SpanContext;
import java.util.Map;

/** Receives discrete events (a Sentry breadcrumb, a span event, a console line). */
public interface EventSink {
  /**
   * Takes one event.
   *
   * @param current the span current when the event was recorded, or invalid
   */
  void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis);

  /** A sink that drops everything. */
  static EventSink noop() {
    return (name, data, current, epochMillis) -> {};
  }
}
