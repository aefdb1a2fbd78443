package dev.obskit.core.internal.trace;

import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.SpanClock;
import dev.obskit.api.spi.SpanStart;

/**
 * Collects a span's start options: an explicit parent or none, else the current span (resolved
 * when the span starts, see {@link SpanStarter}).
 */
final class CoreSpanBuilder implements SpanBuilder {
  private final SpanStarter starter;
  private final String name;
  private SpanKind kind = SpanKind.INTERNAL;
  private SpanContext explicitParent;
  private boolean noParent;
  private SpanStart.Builder start;
  private boolean startTimeSet;

  CoreSpanBuilder(SpanStarter starter, String name) {
    this.starter = starter;
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
    if (value != null && starter.attributeNames().check(key)
        && starter.checks().checkString(value, "span attribute", key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, long value) {
    if (starter.attributeNames().check(key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, double value) {
    if (starter.attributeNames().check(key) && starter.checks().checkFinite(value, "span attribute", key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, boolean value) {
    if (starter.attributeNames().check(key)) {
      startBuilder().attribute(key, value);
    }
    return this;
  }

  @Override
  public SpanBuilder startTimestampNanos(long epochNanos) {
    if (epochNanos > 0) {
      startBuilder().startEpochNanos(epochNanos);
      startTimeSet = true;
    }
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
    if (!starter.spanNames().check(name)) {
      return Span.noop();
    }
    SpanContext parent = noParent ? SpanContext.invalid() : explicitParent;
    if (start != null && !startTimeSet && starter.coreTimesSpans()) {
      // Primary and mirrors record the same start time.
      start.startEpochNanos(SpanClock.nowEpochNanos());
    }
    return starter.start(name, kind, start, parent, makeCurrent);
  }
}
