package dev.obskit.core.internal;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.SpanSink;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of routing: the backends that were created and, per signal, the sinks in routing
 * order (for traces the first is the primary). Also the notes for the init summary.
 */
public final class RoutingPlan {
  final Map<String, Backend> backends = new LinkedHashMap<>();
  final Map<String, ErrorSink> errors = new LinkedHashMap<>();
  final Map<String, MetricSink> metrics = new LinkedHashMap<>();
  final Map<String, SpanSink> traces = new LinkedHashMap<>();
  final Map<String, EventSink> events = new LinkedHashMap<>();
  final Map<String, LogSink> logs = new LinkedHashMap<>();
  /** backend name -> why it is not serving (disabled, jar absent, create failed). */
  final Map<String, String> off = new LinkedHashMap<>();

  /** The created backends by name, in creation order (unmodifiable). */
  public Map<String, Backend> backends() {
    return Collections.unmodifiableMap(backends);
  }

  /** The trace backends in routing order; the first is the primary. */
  public List<String> traceBackends() {
    return List.copyOf(traces.keySet());
  }

  /** Backends that are not serving, each with the reason for the init summary. */
  public Map<String, String> off() {
    return Collections.unmodifiableMap(off);
  }
}
