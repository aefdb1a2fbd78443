package dev.obskit.backend.console.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the console keeps about one span. Mutated through {@link ConsoleSpanHandle} under
 * its lock until the span ends; read only after that.
 */
final class SpanRecord {
  /** Events beyond this are counted, not kept: a span in a loop must not grow without bound. */
  static final int MAX_EVENTS = 64;

  final SpanContext context;
  final SpanContext parent;
  final SpanKind kind;
  final long startNanos;
  final List<SpanContext> links;
  final Map<String, Object> attributes = new LinkedHashMap<>();
  final List<Event> events = new ArrayList<>();
  String name;
  SpanStatus status = SpanStatus.UNSET;
  String statusDescription = "";
  long endNanos;
  int droppedEvents;

  SpanRecord(String name, SpanContext context, SpanContext parent, SpanKind kind, long startNanos,
      List<SpanContext> links, Map<String, Object> attributes) {
    this.name = name;
    this.context = context;
    this.parent = parent;
    this.kind = kind;
    this.startNanos = startNanos;
    this.links = links;
    this.attributes.putAll(attributes);
  }

  /** A local root: no parent, or a parent in another process. */
  boolean isLocalRoot() {
    return !parent.isValid() || parent.isRemote();
  }

  long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }

  /** One span event (or recorded exception). */
  static final class Event {
    final String name;
    final Map<String, Object> attributes;
    final long epochNanos;

    Event(String name, Map<String, Object> attributes, long epochNanos) {
      this.name = name;
      this.attributes = attributes;
      this.epochNanos = epochNanos;
    }
  }
}
