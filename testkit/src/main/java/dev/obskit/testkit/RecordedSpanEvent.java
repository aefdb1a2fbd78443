package dev.obskit.testkit;

import java.util.Map;

/**
 * An event added to a span (including the {@code exception} events of recorded exceptions).
 *
 * @param name the event name
 * @param attributes its attributes, unmodifiable
 * @param epochNanos when it happened
 */
public record RecordedSpanEvent(String name, Map<String, Object> attributes, long epochNanos) {
  @Override
  public String toString() {
    return attributes.isEmpty() ? name : name + attributes;
  }
}
