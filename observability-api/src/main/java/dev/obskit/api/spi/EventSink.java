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

  /**
   * Whether this sink wants facade events kept as breadcrumbs of the current scope (see {@link
   * dev.obskit.api.Observability#isolate()}). When any routed event sink does, the SDK keeps
   * them, bounded per scope, and hands them over with every error ({@link
   * dev.obskit.api.ErrorEvent#breadcrumbs()}) and span start ({@link SpanStart#scope()}); the
   * sink then need not keep its own. Sentry does; a console or span-event sink does not.
   */
  default boolean keepsBreadcrumbs() {
    return false;
  }

  /** A sink that drops everything. */
  static EventSink noop() {
    return (name, data, current, epochMillis) -> {};
  }
}
