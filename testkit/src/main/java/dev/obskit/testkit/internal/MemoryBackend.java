package dev.obskit.testkit.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import dev.obskit.api.spi.SpanSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory backend: five sinks over one {@link MemoryStore}. It offers every signal
 * regardless of routing, so that a test may route any subset to it. After {@link #close} it
 * drops what it receives and counts it as {@code <name>.dropped.after_close}.
 */
public final class MemoryBackend implements Backend {
  private final String name;
  private final MemoryStore store;
  private final SelfMetrics selfMetrics;
  private final Set<Signal> signals;
  private final ErrorSink errorSink;
  private final MetricSink metricSink;
  private final SpanSink spanSink;
  private final EventSink eventSink;
  private final LogSink logSink;
  private volatile boolean closed;

  /** A backend named {@code name} recording into {@code store}. */
  public MemoryBackend(String name, MemoryStore store, BackendContext context) {
    this.name = name;
    this.store = store;
    this.selfMetrics = context.selfMetrics();
    this.signals = Set.copyOf(context.signals());
    this.errorSink = new MemoryErrorSink(store, this);
    this.metricSink = new MemoryMetricSink(store, this);
    this.spanSink = new MemorySpanSink(store, this, context.isPrimaryTraceBackend());
    this.eventSink = new MemoryEventSink(store, this);
    this.logSink = new MemoryLogSink(store, this);
    store.bindSelfMetrics(selfMetrics);
    store.opened();
  }

  /** Whether a call may record; counts the drop when closed. */
  boolean accept() {
    if (!closed) {
      return true;
    }
    if (selfMetrics != null) {
      selfMetrics.increment(name + ".dropped.after_close");
    }
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Sinks sinks() {
    return Sinks.builder().errors(errorSink).metrics(metricSink).traces(spanSink).events(eventSink).logs(logSink)
        .build();
  }

  @Override
  public boolean flush(Duration timeout) {
    store.flushed();
    return true;
  }

  @Override
  public boolean close(Duration timeout) {
    if (!closed) {
      closed = true;
      store.closed();
    }
    return true;
  }

  @Override
  public Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("store", "in memory (read it through TestTelemetry)");
    d.put("signals", signals.toString());
    return d;
  }

  @Override
  public String toString() {
    return "MemoryBackend{" + name + '}';
  }
}
