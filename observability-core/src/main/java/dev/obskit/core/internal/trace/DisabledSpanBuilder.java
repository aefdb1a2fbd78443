package dev.obskit.core.internal.trace;

import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.SpanHandle;

/**
 * The span builder when no backend reads spans or their ids: one shared instance per SDK that
 * starts the no-op span, so instrumented code allocates nothing. The one exception is a valid
 * explicit parent (typically extracted from an incoming request): then the parent's context is
 * made current as is, so that {@code inject} still passes the caller's trace on downstream, as
 * OpenTelemetry's API does without an SDK.
 */
final class DisabledSpanBuilder implements SpanBuilder {
  private final SpanStarter starter;
  /** The explicit parent to pass through, or null for the shared instance. */
  private final SpanContext parent;

  DisabledSpanBuilder(SpanStarter starter) {
    this(starter, null);
  }

  private DisabledSpanBuilder(SpanStarter starter, SpanContext parent) {
    this.starter = starter;
    this.parent = parent;
  }

  @Override
  public SpanBuilder kind(SpanKind kind) {
    return this;
  }

  @Override
  public SpanBuilder parent(SpanContext parent) {
    return parent != null && parent.isValid() ? new DisabledSpanBuilder(starter, parent) : starter.disabledBuilder();
  }

  @Override
  public SpanBuilder noParent() {
    return parent == null ? this : starter.disabledBuilder();
  }

  @Override
  public SpanBuilder link(SpanContext linked) {
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, String value) {
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, long value) {
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, double value) {
    return this;
  }

  @Override
  public SpanBuilder attribute(String key, boolean value) {
    return this;
  }

  @Override
  public SpanBuilder startTimestampNanos(long epochNanos) {
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
    if (parent == null) {
      return Span.noop();
    }
    CoreSpan span = new CoreSpan(starter, SpanHandle.noop(parent), null, parent);
    if (makeCurrent) {
      span.startCurrent(starter.current().store().holder());
    }
    return span;
  }
}
