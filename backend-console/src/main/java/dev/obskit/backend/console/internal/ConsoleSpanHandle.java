package dev.obskit.backend.console.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.SpanHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/** The console's handle on one recording span; hands the record to the sink when it ends. */
final class ConsoleSpanHandle implements SpanHandle {
  private final SpanRecord record;
  private final ConsoleSpanSink sink;
  private boolean ended;

  ConsoleSpanHandle(SpanRecord record, ConsoleSpanSink sink) {
    this.record = record;
    this.sink = sink;
  }

  @Override
  public SpanContext context() {
    return record.context;
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
      record.attributes.put(key, value);
    }
  }

  @Override
  public synchronized void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
    if (ended) {
      return;
    }
    if (record.events.size() >= SpanRecord.MAX_EVENTS) {
      record.droppedEvents++;
      return;
    }
    record.events.add(new SpanRecord.Event(name, attributes == null ? Map.of() : new LinkedHashMap<>(attributes), epochNanos));
  }

  @Override
  public synchronized void setStatus(SpanStatus status, String description) {
    if (!ended && status != null) {
      record.status = status;
      record.statusDescription = status == SpanStatus.ERROR && description != null ? description : "";
    }
  }

  @Override
  public void recordException(Throwable error, long epochNanos) {
    if (error == null) {
      return;
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("type", error.getClass().getName());
    if (error.getMessage() != null) {
      attrs.put("message", error.getMessage());
    }
    addEvent("exception", attrs, epochNanos);
  }

  @Override
  public synchronized void updateName(String name) {
    if (!ended && name != null) {
      record.name = name;
    }
  }

  @Override
  public void end(long epochNanos) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      record.endNanos = epochNanos;
    }
    sink.onEnd(record);
  }
}
