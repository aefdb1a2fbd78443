package dev.obskit.core.internal.trace;

import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.SpanHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The facade's span: one identity (the primary's ids), one clock, and a handle that forwards every
 * operation to the primary and the mirrors, each isolated. Inputs are validated here once, so
 * every backend sees the same attributes.
 */
public final class CoreSpan implements Span {
  private final Tracer tracer;
  private final SpanHandle handle;
  /** The primary's own handle, needed to make the span current in the primary's context. */
  private final SpanHandle primaryHandle;
  private final SpanContext context;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Scope startScope;

  CoreSpan(Tracer tracer, SpanHandle handle, SpanHandle primaryHandle, SpanContext context) {
    this.tracer = tracer;
    this.handle = handle;
    this.primaryHandle = primaryHandle;
    this.context = context;
  }

  void startScope(Scope scope) {
    this.startScope = scope;
  }

  SpanHandle primaryHandle() {
    return primaryHandle;
  }

  public boolean isEnded() {
    return ended.get();
  }

  @Override
  public Span setAttribute(String key, String value) {
    if (value != null && !ended.get() && tracer.drops().checkName(key, "span attribute")
        && tracer.drops().checkString(value, "span attribute '" + key + "'")) {
      handle.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    if (!ended.get() && tracer.drops().checkName(key, "span attribute")) {
      handle.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    if (!ended.get() && tracer.drops().checkName(key, "span attribute")) {
      handle.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    if (!ended.get() && tracer.drops().checkName(key, "span attribute")) {
      handle.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return addEvent(name, Map.of());
  }

  @Override
  public Span addEvent(String name, Map<String, ?> attributes) {
    if (!ended.get() && tracer.drops().checkName(name, "span event")) {
      handle.addEvent(name, SpanAttributes.sanitize(attributes, tracer.drops(), "span event"),
          tracer.clock().nowEpochNanos());
    }
    return this;
  }

  @Override
  public Span setStatus(SpanStatus status, String description) {
    if (status != null && !ended.get()) {
      String d = status == SpanStatus.ERROR && description != null ? description : "";
      handle.setStatus(status, d);
    }
    return this;
  }

  @Override
  public Span recordException(Throwable error) {
    if (error != null && !ended.get()) {
      handle.recordException(error, tracer.clock().nowEpochNanos());
    }
    return this;
  }

  @Override
  public Span updateName(String name) {
    if (!ended.get() && tracer.drops().checkName(name, "span")) {
      handle.updateName(name);
    }
    return this;
  }

  @Override
  public SpanContext context() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return !ended.get() && handle.isRecording();
  }

  @Override
  public Scope makeCurrent() {
    return tracer.makeCurrent(this);
  }

  @Override
  public void end() {
    if (ended.compareAndSet(false, true)) {
      handle.end(tracer.clock().nowEpochNanos());
    }
  }

  @Override
  public void close() {
    end();
    Scope s = startScope;
    if (s != null) {
      startScope = null;
      s.close();
    }
  }

  @Override
  public String toString() {
    return "Span{" + context.traceId() + "/" + context.spanId() + (ended.get() ? ", ended" : "") + '}';
  }
}
