package dev.obskit.testkit;

import java.util.List;

/**
 * Narrows the recorded events named as asked to those matching every {@code withX} called.
 * Obtain one from {@link TelemetryAssert#hasEvent(String)}.
 */
public final class EventAssert extends AbstractRecordedAssert<EventAssert, RecordedEvent> {

  EventAssert(TelemetryAssert parent, String name, List<RecordedEvent> recorded) {
    super(parent, EventAssert.class, "an event '" + name + "'", "events", recorded,
        recorded.stream().filter(e -> e.name().equals(name)).toList(), RecordedEvent::toString);
  }

  /** The data has {@code key} = {@code value}. */
  public EventAssert withData(String key, Object value) {
    return narrow("with data " + key + "=" + value, e -> sameValue(e.data().get(key), value));
  }

  /** The event was recorded while {@code span} was current. */
  public EventAssert inSpan(RecordedSpan span) {
    return narrow("recorded in span '" + span.name() + "' (" + span.spanId() + ")",
        e -> e.spanContext().isValid() && e.spanContext().spanId().equals(span.spanId()));
  }

  /** The event was recorded while a span named {@code name} was current. */
  public EventAssert inSpanNamed(String name) {
    List<RecordedSpan> spans = actual.allSpans().stream().filter(s -> s.name().equals(name)).toList();
    return narrow("recorded in a span named '" + name + "'", e -> e.spanContext().isValid()
        && spans.stream().anyMatch(s -> s.spanId().equals(e.spanContext().spanId())));
  }
}
