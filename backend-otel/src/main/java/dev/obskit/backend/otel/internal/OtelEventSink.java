package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.Scrubber;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Facade events as span events on the span current in the OpenTelemetry context (a facade span
 * when otel is the primary trace backend, or a span of other instrumentation). Without such a
 * span there is nowhere to put an event in OTel traces: it is dropped and counted.
 */
final class OtelEventSink implements EventSink {
  static final String DROPPED_NO_SPAN = "otel.events_dropped.no_span";

  private final Scrubber scrubber;
  private final SelfMetrics selfMetrics;

  OtelEventSink(Scrubber scrubber, SelfMetrics selfMetrics) {
    this.scrubber = scrubber;
    this.selfMetrics = selfMetrics;
  }

  @Override
  public void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    Span span = Span.current();
    if (!span.isRecording()
        || (current.isValid() && !Contexts.sameSpan(current, span.getSpanContext()))) {
      selfMetrics.increment(DROPPED_NO_SPAN);
      return;
    }
    span.addEvent(name, OtelSpanHandle.toAttributes(scrubber.scrub(data)), epochMillis, TimeUnit.MILLISECONDS);
  }
}
