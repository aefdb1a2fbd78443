package dev.obskit.testkit;

import dev.obskit.api.SpanContext;
import java.util.Map;

/**
 * A discrete event the memory backend received through its event sink.
 *
 * @param name the event name
 * @param data the event data, unmodifiable
 * @param spanContext the span current when the event was recorded, or invalid
 * @param epochMillis when it was recorded
 */
public record RecordedEvent(String name, Map<String, Object> data, SpanContext spanContext, long epochMillis) {
  @Override
  public String toString() {
    return name + data + (spanContext.isValid() ? " in span " + spanContext.spanId() : "");
  }
}
