package dev.obskit.core.internal.trace;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.core.internal.SinkFailures;
import java.util.Map;

/** A backend's span handle whose every call is isolated: a throw is counted, never propagated. */
final class IsolatedSpanHandle implements SpanHandle {
  private final String backend;
  private final SpanHandle handle;
  private final SinkFailures failures;

  IsolatedSpanHandle(String backend, SpanHandle handle, SinkFailures failures) {
    this.backend = backend;
    this.handle = handle;
    this.failures = failures;
  }

  private void failed(Throwable t) {
    failures.failed(backend, Signal.TRACES, t);
  }

  @Override
  public SpanContext context() {
    try {
      SpanContext c = handle.context();
      return c == null ? SpanContext.invalid() : c;
    } catch (Throwable t) {
      failed(t);
      return SpanContext.invalid();
    }
  }

  @Override
  public boolean isRecording() {
    try {
      return handle.isRecording();
    } catch (Throwable t) {
      failed(t);
      return false;
    }
  }

  @Override
  public void setAttribute(String key, String value) {
    try {
      handle.setAttribute(key, value);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void setAttribute(String key, long value) {
    try {
      handle.setAttribute(key, value);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void setAttribute(String key, double value) {
    try {
      handle.setAttribute(key, value);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void setAttribute(String key, boolean value) {
    try {
      handle.setAttribute(key, value);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
    try {
      handle.addEvent(name, attributes, epochNanos);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void setStatus(SpanStatus status, String description) {
    try {
      handle.setStatus(status, description);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void recordException(Throwable error, long epochNanos) {
    try {
      handle.recordException(error, epochNanos);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void updateName(String name) {
    try {
      handle.updateName(name);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void end(long epochNanos) {
    try {
      handle.end(epochNanos);
    } catch (Throwable t) {
      failed(t);
    }
  }
}
