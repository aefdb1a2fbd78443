package dev.obskit.testkit.internal;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.User;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.testkit.RecordedEvent;
import dev.obskit.testkit.RecordedMetric;
import dev.obskit.testkit.RecordedSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the memory backend received, shared by its sinks and read by {@code TestTelemetry}.
 * Thread-safe: each collection has its own lock and readers get copies.
 */
public final class MemoryStore {
  private final List<ErrorEvent> errors = new ArrayList<>();
  private final Map<InstrumentDescriptor, InstrumentRecord> instruments = new ConcurrentHashMap<>();
  /** Creation order, so that listings are stable. */
  private final List<InstrumentRecord> instrumentOrder = new ArrayList<>();
  private final List<MemorySpan> finished = new ArrayList<>();
  private final Map<MemorySpan, Boolean> open = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<RecordedEvent> events = new ArrayList<>();
  private final List<LogRecord> logs = new ArrayList<>();
  private final Map<String, String> scopeTags = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> scopeContexts = new LinkedHashMap<>();
  private final AtomicInteger flushes = new AtomicInteger();
  private volatile User scopeUser;
  private volatile long generation;
  private volatile boolean closed;
  private volatile SelfMetrics selfMetrics;

  // ------------------------------------------------------------------ writes (sinks)

  void addError(ErrorEvent event) {
    synchronized (errors) {
      errors.add(event);
    }
  }

  InstrumentRecord instrument(InstrumentDescriptor descriptor) {
    return instruments.computeIfAbsent(descriptor, d -> {
      InstrumentRecord r = new InstrumentRecord(d);
      synchronized (instrumentOrder) {
        instrumentOrder.add(r);
      }
      return r;
    });
  }

  MemorySpan spanStarted(MemorySpan span) {
    open.put(span, Boolean.TRUE);
    return span;
  }

  void spanEnded(MemorySpan span, boolean keep) {
    open.remove(span);
    if (!keep || span.generation() != generation) {
      return; // started before a reset: not part of what the test sees any more
    }
    synchronized (finished) {
      finished.add(span);
    }
  }

  void addEvent(RecordedEvent event) {
    synchronized (events) {
      events.add(event);
    }
  }

  void addLog(LogRecord record) {
    synchronized (logs) {
      logs.add(record);
    }
  }

  void setUser(User user) {
    scopeUser = user;
  }

  void setTag(String key, String value) {
    synchronized (scopeTags) {
      if (value == null) {
        scopeTags.remove(key);
      } else {
        scopeTags.put(key, value);
      }
    }
  }

  void setContext(String name, Map<String, Object> values) {
    synchronized (scopeContexts) {
      if (values == null) {
        scopeContexts.remove(name);
      } else {
        scopeContexts.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
      }
    }
  }

  void flushed() {
    flushes.incrementAndGet();
  }

  void opened() {
    closed = false;
  }

  void closed() {
    closed = true;
  }

  long generation() {
    return generation;
  }

  /** Binds the SDK's self-metrics (from the backend context or the facade). */
  public void bindSelfMetrics(SelfMetrics selfMetrics) {
    this.selfMetrics = selfMetrics;
  }

  // ------------------------------------------------------------------ reads (TestTelemetry)

  /** The bound self-metrics, or null. */
  public SelfMetrics selfMetrics() {
    return selfMetrics;
  }

  /** Errors in capture order. */
  public List<ErrorEvent> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** Instruments in creation order, each with a fresh callback reading. */
  public List<RecordedMetric> metrics() {
    List<InstrumentRecord> copy;
    synchronized (instrumentOrder) {
      copy = new ArrayList<>(instrumentOrder);
    }
    return Collections.unmodifiableList(InstrumentRecord.snapshots(copy));
  }

  /** Finished spans in end order. */
  public List<RecordedSpan> finishedSpans() {
    List<MemorySpan> copy;
    synchronized (finished) {
      copy = new ArrayList<>(finished);
    }
    return copy.stream().map(MemorySpan::snapshot).toList();
  }

  /** Spans started and not yet ended, in start order. */
  public List<RecordedSpan> openSpans() {
    List<MemorySpan> copy;
    synchronized (open) {
      copy = new ArrayList<>(open.keySet());
    }
    return copy.stream().map(MemorySpan::snapshot).toList();
  }

  /** Events in arrival order. */
  public List<RecordedEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Log records in arrival order. */
  public List<LogRecord> logs() {
    synchronized (logs) {
      return List.copyOf(logs);
    }
  }

  /** The user last set on the error sink's scope, or null. */
  public User scopeUser() {
    return scopeUser;
  }

  /** The tags currently set on the error sink's scope. */
  public Map<String, String> scopeTags() {
    synchronized (scopeTags) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(scopeTags));
    }
  }

  /** The named contexts currently set on the error sink's scope. */
  public Map<String, Map<String, Object>> scopeContexts() {
    synchronized (scopeContexts) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(scopeContexts));
    }
  }

  /** How often a backend over this store was flushed. */
  public int flushCount() {
    return flushes.get();
  }

  /** Whether the backend last created over this store was closed. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Forgets everything recorded: errors, points, spans (spans open now are not reported when they
   * end), events, logs. Instruments and callback gauges stay registered, since the core caches them.
   */
  public void reset() {
    synchronized (errors) {
      errors.clear();
    }
    synchronized (instrumentOrder) {
      instrumentOrder.forEach(InstrumentRecord::clearPoints);
    }
    generation++;
    open.clear();
    synchronized (finished) {
      finished.clear();
    }
    synchronized (events) {
      events.clear();
    }
    synchronized (logs) {
      logs.clear();
    }
  }
}
