package dev.obskit.backend.otel.internal;

import dev.obskit.api.Scope;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The facade scope of one {@code makeCurrent}: closes the OpenTelemetry scope and remembers, per
 * thread, which of our handles is current, so that {@link OtelSpanSink#currentContext()} can hand
 * out the handle's facade context instead of converting (and re-validating) the OTel ids on every
 * call. The remembered handle is only a hint: callers compare it with {@code Span.current()} by
 * identity, so contexts switched by other means (snapshots, raw OTel code) stay correct.
 *
 * <p>A span is usually made current exactly once (by the facade's {@code start()}), so the handle
 * itself is that scope ({@link OtelSpanHandle} extends this class): no scope object per span. The
 * handle's slot is claimed once by CAS; any further {@code makeCurrent} of the same handle (another
 * thread, or nested) gets a scope object of its own.
 */
abstract class CurrentScope implements Scope {
  private static final ThreadLocal<CurrentScope> TOP = new ThreadLocal<>();
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
  private CurrentScope previous;
  /** 0 until this object has been used as a scope, then 1 (it serves one makeCurrent at most). */
  @SuppressWarnings("unused")
  private volatile int claimed;

  /** The handle this scope makes current. */
  abstract OtelSpanHandle handle();

  /** Makes {@code handle}'s span current in the OpenTelemetry context on this thread. */
  static Scope open(OtelSpanHandle handle) {
    CurrentScope scope = CLAIMED.compareAndSet(handle, 0, 1) ? handle : new Extra(handle);
    scope.otelScope = Context.current().with(handle.span()).makeCurrent();
    scope.previous = TOP.get();
    TOP.set(scope);
    return scope;
  }

  /** The handle most recently made current on this thread and not closed yet, or null. */
  static OtelSpanHandle innermost() {
    CurrentScope top = TOP.get();
    return top == null ? null : top.handle();
  }

  @Override
  public void close() {
    otelScope.close();
    // Unconditionally (no get() to check the order): closed out of order, the hint may name a
    // handle that is not current, which the identity check in the readers tolerates. set(previous)
    // also for null rather than remove(): the thread makes spans current again soon.
    TOP.set(previous);
  }

  /** A further scope of a handle whose own slot is taken. */
  private static final class Extra extends CurrentScope {
    private final OtelSpanHandle handle;

    Extra(OtelSpanHandle handle) {
      this.handle = handle;
    }

    @Override
    OtelSpanHandle handle() {
      return handle;
    }
  }
}
