package dev.obskit.api;

import java.util.Map;

/** The no-op span. */
final class NoopSpan implements Span {
  static final NoopSpan INSTANCE = new NoopSpan();

  private NoopSpan() {}

  @Override
  public Span setAttribute(String key, String value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return this;
  }

  @Override
  public Span addEvent(String name, Map<String, ?> attributes) {
    return this;
  }

  @Override
  public Span setStatus(SpanStatus status, String description) {
    return this;
  }

  @Override
  public Span recordException(Throwable error) {
    return this;
  }

  @Override
  public Span updateName(String name) {
    return this;
  }

  @Override
  public SpanContext context() {
    return SpanContext.invalid();
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public Scope makeCurrent() {
    return Scope.noop();
  }

  @Override
  public void end() {}

  @Override
  public void close() {}
}
