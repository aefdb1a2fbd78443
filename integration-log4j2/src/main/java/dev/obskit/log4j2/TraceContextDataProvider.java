package dev.obskit.log4j2;

import dev.obskit.api.Observability;
import dev.obskit.api.SpanContext;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.logging.TraceContextKeys;
import java.util.Map;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/**
 * Adds the current span's {@code trace_id}, {@code span_id} and {@code trace_flags} to the
 * context data of every Log4j2 event ({@code %X{trace_id}} in a pattern, JSON layouts, every
 * appender). Log4j2 asks providers while it creates the event on the logging thread, also for
 * async loggers and async appenders, so the ids are those of the span current at the log call.
 * "Current" is what obskit says, whatever the primary trace backend. Found by Log4j2 through
 * {@link java.util.ServiceLoader}: having this jar on the class path is enough.
 */
public final class TraceContextDataProvider implements ContextDataProvider {
  @Override
  public Map<String, String> supplyContextData() {
    Observability obs = ObskitLogging.current();
    if (obs == null) {
      return Map.of();
    }
    try {
      SpanContext current = obs.currentSpan().context();
      if (!current.isValid()) {
        return Map.of();
      }
      TraceContextKeys keys = Log4j2Keys.get();
      return Map.of(keys.traceId(), current.traceId(), keys.spanId(), current.spanId(),
          keys.traceFlags(), TraceContextKeys.flags(current));
    } catch (RuntimeException e) {
      return Map.of(); // never let correlation break logging
    }
  }
}
