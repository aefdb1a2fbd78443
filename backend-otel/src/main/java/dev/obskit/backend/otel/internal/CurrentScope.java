package dev.obskit.backend.otel.internal;

import dev.obskit.api.Scope;
import io.opentelemetry.context.Context;

/**
 * The facade scope of one {@code makeCurrent}: closes the OpenTelemetry scope it opened.
 *
 * <p>A span is usually made current exactly once (by the facade's {@code start()}), so the handle
 * itself is that scope ({@link OtelSpanHandle} extends this class): no scope object per span. Only
 * the thread that created the handle may use it as a scope, once; any other {@code makeCurrent}
 * of the same handle (another thread, or nested) gets a scope object of its own. Confining the
 * claim to one thread makes it a plain field rather than a CAS per span.
 */
abstract class CurrentScope implements Scope {
  /** The thread that created this object: the only one that may claim it as a scope. */
  private final Thread creator = Thread.currentThread();
  /** Written by the thread that opens this scope, read when it closes it (the same thread). */
  private io.opentelemetry.context.Scope otelScope;
  /** Whether this object serves as a scope already; read and written by {@link #creator} only. */
  private boolean claimed;

  /** Makes {@code handle}'s span current in the OpenTelemetry context on this thread. */
  static Scope open(OtelSpanHandle handle) {
    CurrentScope own = handle;
    CurrentScope scope;
    if (own.creator == Thread.currentThread() && !own.claimed) {
      own.claimed = true;
      scope = own;
    } else {
      scope = new Extra();
    }
    scope.otelScope = Context.current().with(handle.span()).makeCurrent();
    return scope;
  }

  @Override
  public void close() {
    otelScope.close();
  }

  /** A further scope of a handle whose own slot is taken. */
  private static final class Extra extends CurrentScope {}
}
