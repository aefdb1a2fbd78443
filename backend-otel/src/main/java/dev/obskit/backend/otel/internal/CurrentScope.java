package dev.obskit.backend.otel.internal;

import dev.obskit.api.Scope;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The facade scope of one {@code makeCurrent}: closes the OpenTelemetry scope it opened.
 *
 * <p>A span is usually made current exactly once (by the facade's {@code start()}), so the handle
 * itself is that scope ({@link OtelSpanHandle} extends this class): no scope object per span. The
 * handle's slot is claimed once by CAS; any further {@code makeCurrent} of the same handle (another
 * thread, or nested) gets a scope object of its own.
 */
abstract class CurrentScope implements Scope {
  private static final VarHandle CLAIMED;

  static {
    try {
      CLAIMED = MethodHandles.lookup().findVarHandle(CurrentScope.class, "claimed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Written by the thread that opens this scope, read when it closes it (the same thread). */
  private io.opentelemetry.context.Scope otelScope;
  /** 0 until this object has been used as a scope, then 1 (it serves one makeCurrent at most). */
  @SuppressWarnings("unused")
  private volatile int claimed;

  /** Makes {@code handle}'s span current in the OpenTelemetry context on this thread. */
  static Scope open(OtelSpanHandle handle) {
    CurrentScope scope = CLAIMED.compareAndSet(handle, 0, 1) ? handle : new Extra();
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
