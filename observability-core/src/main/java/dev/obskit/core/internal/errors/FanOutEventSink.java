package dev.obskit.core.internal.errors;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.SinkFailures;
import java.util.Map;

/** Delivers events to every routed event sink, each call isolated (see {@link FanOutErrorSink}). */
public final class FanOutEventSink implements EventSink {
  private final String[] backends;
  private final EventSink[] sinks;
  private final SinkFailures failures;

  private FanOutEventSink(String[] backends, EventSink[] sinks, SinkFailures failures) {
    this.backends = backends;
    this.sinks = sinks;
    this.failures = failures;
  }

  /** A sink over {@code sinks} (backend name -> sink, in routing order). */
  public static EventSink of(Map<String, EventSink> sinks, SinkFailures failures) {
    if (sinks.isEmpty()) {
      return EventSink.noop();
    }
    if (sinks.size() == 1) {
      Map.Entry<String, EventSink> e = sinks.entrySet().iterator().next();
      String backend = e.getKey();
      EventSink sink = e.getValue();
      return (name, data, current, epochMillis) -> {
        try {
          sink.recordEvent(name, data, current, epochMillis);
        } catch (Throwable t) {
          failures.failed(backend, Signal.EVENTS, t);
        }
      };
    }
    return new FanOutEventSink(sinks.keySet().toArray(new String[0]), sinks.values().toArray(new EventSink[0]),
        failures);
  }

  /** Whether any of {@code sinks} wants events kept as breadcrumbs; a sink that throws answering counts as no. */
  public static boolean keepsBreadcrumbs(Map<String, EventSink> sinks, SinkFailures failures) {
    boolean any = false;
    for (Map.Entry<String, EventSink> e : sinks.entrySet()) {
      try {
        any |= e.getValue().keepsBreadcrumbs();
      } catch (Throwable t) {
        failures.failed(e.getKey(), Signal.EVENTS, t);
      }
    }
    return any;
  }

  @Override
  public void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    for (int i = 0; i < sinks.length; i++) {
      try {
        sinks[i].recordEvent(name, data, current, epochMillis);
      } catch (Throwable t) {
        failures.failed(backends[i], Signal.EVENTS, t);
      }
    }
  }
}
