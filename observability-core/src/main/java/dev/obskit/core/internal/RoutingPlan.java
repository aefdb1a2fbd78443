package dev.obskit.core.internal;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import dev.obskit.api.spi.SpanSink;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of routing: the backends that were created and, per signal, the backends that
 * serve it in routing order (for traces the first is the primary). Also the notes for the init
 * summary. The one place that says which of a backend's {@link Sinks} serves which signal.
 */
public final class RoutingPlan {
  final Map<String, Backend> backends = new LinkedHashMap<>();
  /** signal -> serving backend name -> its sinks, in routing order. */
  private final Map<Signal, Map<String, Sinks>> routes = new EnumMap<>(Signal.class);
  /** backend name -> why it is not serving (disabled, jar absent, create failed). */
  final Map<String, String> off = new LinkedHashMap<>();

  /** Records that {@code backend} serves {@code signal} (its sinks take it). */
  void route(Signal signal, String backend, Sinks sinks) {
    routes.computeIfAbsent(signal, s -> new LinkedHashMap<>()).put(backend, sinks);
  }

  /** The created backends by name, in creation order (unmodifiable). */
  public Map<String, Backend> backends() {
    return Collections.unmodifiableMap(backends);
  }

  /** The backends serving {@code signal}, in routing order. */
  public List<String> backendsFor(Signal signal) {
    return List.copyOf(routes.getOrDefault(signal, Map.of()).keySet());
  }

  /** Whether any backend serves {@code signal}. */
  public boolean serves(Signal signal) {
    return !routes.getOrDefault(signal, Map.of()).isEmpty();
  }

  /** Whether {@code backend} serves any signal. */
  public boolean serving(String backend) {
    return routes.values().stream().anyMatch(r -> r.containsKey(backend));
  }

  /** The trace backends in routing order; the first is the primary. */
  public List<String> traceBackends() {
    return backendsFor(Signal.TRACES);
  }

  public Map<String, ErrorSink> errorSinks() {
    return sinks(Signal.ERRORS, Sinks::errors);
  }

  public Map<String, MetricSink> metricSinks() {
    return sinks(Signal.METRICS, Sinks::metrics);
  }

  public Map<String, SpanSink> spanSinks() {
    return sinks(Signal.TRACES, Sinks::traces);
  }

  public Map<String, EventSink> eventSinks() {
    return sinks(Signal.EVENTS, Sinks::events);
  }

  public Map<String, LogSink> logSinks() {
    return sinks(Signal.LOGS, Sinks::logs);
  }

  /** Backends that are not serving, each with the reason for the init summary. */
  public Map<String, String> off() {
    return Collections.unmodifiableMap(off);
  }

  private <S> Map<String, S> sinks(Signal signal, Function<Sinks, Optional<S>> sinkOf) {
    Map<String, S> out = new LinkedHashMap<>();
    routes.getOrDefault(signal, Map.of()).forEach((name, sinks) -> sinkOf.apply(sinks).ifPresent(s -> out.put(name, s)));
    return Collections.unmodifiableMap(out);
  }
}
