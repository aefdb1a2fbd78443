package dev.obskit.core.internal.trace;

import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.SpanStart;

/**
 * Collects a span's start options. The parent is resolved here, in the core: explicit parent,
 * else the current span (facade or foreign), else a new trace.
 */
final class CoreSpanBuilder implements SpanBuilder {
  private final Tracer tracer;
  private final String name;
  private SpanKind kind = SpanKind.INTERNAL;
  private SpanContext explicitParent;
  private boolean noParent;
  private SpanStart.Builder start;
  private long startNanos;

  CoreSpanBuilder(Tracer tracer, String name) {
    this.tracer = tracer;
    this.name = name;
  }

  private SpanStart.Builder startBuilder() {
    if (start == null) {
      start = SpanStart.builder(name == null ? "" : name);
    }
    return start;
  }

  @Override
  public SpanBuilder kind(SpanKind kind) {
    if (kind != null) {
      this.kind = kind;
    }
    return this;
  }

  @Override
  public SpanBuilder parent(SpanContext parent) {
    this.explicitParent = parent;
    this.noParent = false;
    return this;
  }

  @Override
  public SpanBuilder noParent() {
    this.noParent = true;
    this.explicitParent = null;
    return this;
  }

  @Override
  public SpanBuilder link(SpanContext linked) {
    if (linked != null && linked.isValid()) {
      startBuilder().link(linked);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, String value) {
    if (value != null && tracer.attributeNames().check(key)
        && tracer.drops().checkString(value, "span attribute", key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, long value) {
    if (tracer.attributeNames().check(key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, double value) {
    if (tracer.attributeNames().check(key) && tracer.drops().checkFinite(value, "span attribute", key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, boolean value) {
    if (tracer.attributeNames().check(key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder startTimestampNanos(long epochNanos) {
    this.startNanos = epochNanos;
    return this;
  }

  @Override
  public Span start() {
    return begin(true);
  }

  @Override
  public Span startDetached() {
    return begin(false);
  }

  private Span begin(boolean makeCurrent) {
    if (!tracer.spanNames().check(name)) {
      return Span.noop();
    }
    ContextStore.Holder here = null;
    SpanContext parent;
    if (noParent) {
      parent = SpanContext.invalid();
    } else if (explicitParent != null) {
      parent = explicitParent;
    } else {
      here = tracer.store().holder();
      parent = tracer.currentContext(here);
    }
    long startEpochNanos = startNanos != 0 ? startNanos : tracer.now();
    return tracer.start(name, kind, start, startEpochNanos, parent, makeCurrent, here);
  }
}
