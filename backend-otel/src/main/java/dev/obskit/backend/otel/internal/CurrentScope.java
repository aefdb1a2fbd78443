package dev.obskit.backend.otel.internal;

import dev.obskit.api.Scope;

/**
 * The facade scope of one {@code makeCurrent}: closes the OpenTelemetry scope and remembers, per
 * thread, which of our handles is current, so that {@link OtelSpanSink#currentContext()} can hand
 * out the handle's facade context instead of converting (and re-validating) the OTel ids on every
 * call. The remembered handle is only a hint: callers compare it with {@code Span.current()} by
 * identity, so contexts switched by other means (snapshots, raw OTel code) stay correct.
 */
final class CurrentScope implements Scope {
  private static final ThreadLocal<CurrentScope> TOP = new ThreadLocal<>();

  private final io.opentelemetry.context.Scope scope;
  private final OtelSpanHandle handle;
  private final CurrentScope previous;

  private CurrentScope(io.opentelemetry.context.Scope scope, OtelSpanHandle handle, CurrentScope previous) {
    this.scope = scope;
    this.handle = handle;
    this.previous = previous;
  }

  /** Opens {@code scope} for {@code handle} (made current by it) on this thread. */
  static CurrentScope open(io.opentelemetry.context.Scope scope, OtelSpanHandle handle) {
    CurrentScope opened = new CurrentScope(scope, handle, TOP.get());
    TOP.set(opened);
    return opened;
  }

  /** The handle most recently made current on this thread and not closed yet, or null. */
  static OtelSpanHandle innermost() {
    CurrentScope top = TOP.get();
    return top == null ? null : top.handle;
  }

  @Override
  public void close() {
    scope.close();
    // Unconditionally (no get() to check the order): closed out of order, the hint may name a
    // handle that is not current, which the identity check in the readers tolerates. set(previous)
    // also for null rather than remove(): the thread makes spans current again soon.
    TOP.set(previous);
  }
}
