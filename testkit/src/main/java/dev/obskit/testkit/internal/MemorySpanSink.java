package dev.obskit.testkit.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.SpanClock;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;

/**
 * Starts memory spans. Uses the ids in {@link SpanStart#assignedContext()} when present (mirror);
 * otherwise (primary) generates W3C ids, keeping the parent's trace id, sampled flag and
 * tracestate. The core keeps the current span: this sink does not own a context.
 */
final class MemorySpanSink implements SpanSink {
  private final MemoryStore store;
  private final MemoryBackend backend;
  private final boolean primary;

  MemorySpanSink(MemoryStore store, MemoryBackend backend, boolean primary) {
    this.store = store;
    this.backend = backend;
    this.primary = primary;
  }

  @Override
  public SpanHandle start(SpanStart start) {
    SpanContext context = identity(start);
    if (!backend.accept()) {
      return SpanHandle.noop(context);
    }
    MemorySpan span = new MemorySpan(store, backend, store.generation(), start.name(), start.kind(), context,
        start.parent(), start.links(), start.attributes(), start.startEpochNanos().orElseGet(SpanClock::nowEpochNanos), start.scope());
    return store.spanStarted(span);
  }

  private SpanContext identity(SpanStart start) {
    SpanContext assigned = start.assignedContext();
    if (assigned.isValid()) {
      return assigned;
    }
    // Reached as primary, and defensively as a mirror that was given no ids.
    SpanContext parent = start.parent();
    if (parent.isValid()) {
      return SpanContext.create(parent.traceId(), Ids.spanId(), parent.traceFlags(), parent.traceState());
    }
    return SpanContext.create(Ids.traceId(), Ids.spanId(), (byte) (SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM), "");
  }

  @Override
  public String toString() {
    return "MemorySpanSink{" + (primary ? "primary" : "mirror") + '}';
  }
}
