package dev.obskit.testkit.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.EventSink;
import dev.obskit.testkit.RecordedEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps events with the span that was current. */
final class MemoryEventSink implements EventSink {
  private final MemoryStore store;
  private final MemoryBackend backend;

  MemoryEventSink(MemoryStore store, MemoryBackend backend) {
    this.store = store;
    this.backend = backend;
  }

  /** Events are also breadcrumbs of the scope they were recorded in, as with Sentry. */
  @Override
  public boolean keepsBreadcrumbs() {
    return true;
  }

  @Override
  public void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    if (name == null || !backend.accept()) {
      return;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    if (data != null) {
      data.forEach((k, v) -> {
        if (k != null && v != null) {
          copy.put(k, v);
        }
      });
    }
    store.addEvent(new RecordedEvent(name, Collections.unmodifiableMap(copy),
        current == null ? SpanContext.invalid() : current, epochMillis));
  }
}
