package dev.obskit.core.internal.trace;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.SpanHandle;
import java.util.List;
import java.util.Map;

/**
 * Forwards every span operation to several (already isolated) handles. The context and the
 * recording flag are the first handle's: the primary's, which owns the span's identity.
 */
final class FanOutSpanHandle implements SpanHandle {
  private final SpanContext context;
  private final SpanHandle[] handles;

  private FanOutSpanHandle(SpanContext context, SpanHandle[] handles) {
    this.context = context;
    this.handles = handles;
  }

  /** One handle as is, several behind a fan-out, none as a no-op with {@code context}. */
  static SpanHandle of(SpanContext context, List<SpanHandle> handles) {
    if (handles.isEmpty()) {
      return SpanHandle.noop(context);
    }
    if (handles.size() == 1) {
      return handles.get(0);
    }
    return new FanOutSpanHandle(context, handles.toArray(new SpanHandle[0]));
  }

  @Override
  public SpanContext context() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return handles[0].isRecording();
  }

  @Override
  public void setAttribute(String key, String value) {
    for (SpanHandle h : handles) {
      h.setAttribute(key, value);
    }
  }

  @Override
  public void setAttribute(String key, long value) {
    for (SpanHandle h : handles) {
      h.setAttribute(key, value);
    }
  }

  @Override
  public void setAttribute(String key, double value) {
    for (SpanHandle h : handles) {
      h.setAttribute(key, value);
    }
  }

  @Override
  public void setAttribute(String key, boolean value) {
    for (SpanHandle h : handles) {
      h.setAttribute(key, value);
    }
  }

  @Override
  public void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
    for (SpanHandle h : handles) {
      h.addEvent(name, attributes, epochNanos);
    }
  }

  @Override
  public void setStatus(SpanStatus status, String description) {
    for (SpanHandle h : handles) {
      h.setStatus(status, description);
    }
  }

  @Override
  public void recordException(Throwable error, long epochNanos) {
    for (SpanHandle h : handles) {
      h.recordException(error, epochNanos);
    }
  }

  @Override
  public void updateName(String name) {
    for (SpanHandle h : handles) {
      h.updateName(name);
    }
  }

  @Override
  public void end(long epochNanos) {
    for (SpanHandle h : handles) {
      h.end(epochNanos);
    }
  }
}
