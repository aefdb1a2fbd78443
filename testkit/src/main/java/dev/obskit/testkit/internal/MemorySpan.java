package dev.obskit.testkit.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.ScopeData;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.RecordedSpanEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A span held in memory; the core may call it from any thread, so every method locks. */
public final class MemorySpan implements SpanHandle {
  private final MemoryStore store;
  private final MemoryBackend backend;
  private final long generation;
  private final SpanContext context;
  private final SpanContext parent;
  private final SpanKind kind;
  private final List<SpanContext> links;
  private final long startEpochNanos;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private final List<RecordedSpanEvent> events = new ArrayList<>();
  private final List<Throwable> exceptions = new ArrayList<>();
  private String name;
  private SpanStatus status = SpanStatus.UNSET;
  private String statusDescription = "";
  private long endEpochNanos;
  private boolean ended;
  private final Supplier<ScopeData> scope;
  /** The scope as it was when the span ended (what a Sentry transaction would carry). */
  private ScopeData endScope;

  MemorySpan(MemoryStore store, MemoryBackend backend, long generation, String name, SpanKind kind, SpanContext context,
      SpanContext parent, List<SpanContext> links, Map<String, Object> startAttributes, long startEpochNanos,
      Supplier<ScopeData> scope) {
    this.store = store;
    this.scope = scope;
    this.backend = backend;
    this.generation = generation;
    this.name = name;
    this.kind = kind;
    this.context = context;
    this.parent = parent;
    this.links = List.copyOf(links);
    this.startEpochNanos = startEpochNanos;
    this.attributes.putAll(startAttributes);
  }

  long generation() {
    return generation;
  }

  @Override
  public SpanContext context() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return true;
  }

  @Override
  public void setAttribute(String key, String value) {
    put(key, value);
  }

  @Override
  public void setAttribute(String key, long value) {
    put(key, value);
  }

  @Override
  public void setAttribute(String key, double value) {
    put(key, value);
  }

  @Override
  public void setAttribute(String key, boolean value) {
    put(key, value);
  }

  private synchronized void put(String key, Object value) {
    if (!ended && key != null && value != null) {
      attributes.put(key, value);
    }
  }

  @Override
  public synchronized void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
    if (!ended && name != null) {
      events.add(new RecordedSpanEvent(name, copy(attributes), epochNanos));
    }
  }

  @Override
  public synchronized void setStatus(SpanStatus status, String description) {
    if (!ended && status != null) {
      this.status = status;
      this.statusDescription = description == null ? "" : description;
    }
  }

  @Override
  public synchronized void recordException(Throwable error, long epochNanos) {
    if (ended || error == null) {
      return;
    }
    exceptions.add(error);
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("exception.type", error.getClass().getName());
    if (error.getMessage() != null) {
      attrs.put("exception.message", error.getMessage());
    }
    events.add(new RecordedSpanEvent("exception", Collections.unmodifiableMap(attrs), epochNanos));
  }

  @Override
  public synchronized void updateName(String name) {
    if (!ended && name != null) {
      this.name = name;
    }
  }

  @Override
  public void end(long epochNanos) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      endEpochNanos = epochNanos;
      endScope = scope.get();
    }
    store.spanEnded(this, backend.accept());
  }

  /** A copy of the current state. */
  public synchronized RecordedSpan snapshot() {
    return new RecordedSpan(name, kind, context, parent, Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
        List.copyOf(events), List.copyOf(exceptions), status, statusDescription, links, startEpochNanos,
        endEpochNanos, ended, ended ? endScope : scope.get());
  }

  private static Map<String, Object> copy(Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    attributes.forEach((k, v) -> {
      if (k != null && v != null) {
        m.put(k, v);
      }
    });
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "MemorySpan{" + name + ", " + context.spanId() + '}';
  }
}
