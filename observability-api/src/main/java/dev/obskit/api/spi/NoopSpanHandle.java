package dev.obskit.api.spi;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import java.util.Map;

/** A handle that records nothing. */
final class NoopSpanHandle implements SpanHandle {
  private final SpanContext context;

  NoopSpanHandle(SpanContext context) {
    this.context = context;
  }

  @Override
  public SpanContext context() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public void setAttribute(String key, String value) {}

  @Override
  public void setAttribute(String key, long value) {}

  @Override
  public void setAttribute(String key, double value) {}

  @Override
  public void setAttribute(String key, boolean value) {}

  @Override
  public void addEvent(String name, Map<String, Object> attributes, long epochNanos) {}

  @Override
  public void setStatus(SpanStatus status, String description) {}

  @Override
  public void recordException(Throwable error, long epochNanos) {}

  @Override
  public void updateName(String name) {}

  @Override
  public void addEvent(String name, Map<String, Object> attributes) {}

  @Override
  public void recordException(Throwable error) {}

  @Override
  public void end(long epochNanos) {}

  @Override
  public void end() {}
}
