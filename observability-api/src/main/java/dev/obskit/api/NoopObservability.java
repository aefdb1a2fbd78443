package dev.obskit.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.DoubleSupplier;

/** The no-op facade: runs work in spans that record nothing. */
final class NoopObservability implements Observability {
  static final NoopObservability INSTANCE = new NoopObservability();

  private static final SelfMetrics NO_SELF_METRICS = new SelfMetrics() {
    @Override
    public void add(String key, long amount) {}

    @Override
    public long get(String key) {
      return 0;
    }

    @Override
    public Map<String, Long> snapshot() {
      return Map.of();
    }
  };

  private NoopObservability() {}

  @Override
  public void captureError(Throwable error, Map<String, ?> context, Level level) {}

  @Override
  public void captureError(ErrorEvent event) {}

  @Override
  public void captureMessage(String message, Level level) {}

  @Override
  public void log(LogRecord record) {}

  @Override
  public void setUser(User user) {}

  @Override
  public void setTag(String key, String value) {}

  @Override
  public void setContext(String name, Map<String, ?> values) {}

  @Override
  public void recordMetric(String name, double value, Labels labels, MetricType type) {}

  @Override
  public void recordMetric(String name, double value, Map<String, String> labels, MetricType type) {}

  @Override
  public Counter counter(String name, InstrumentOptions options) {
    return Counter.noop();
  }

  @Override
  public UpDownCounter upDownCounter(String name, InstrumentOptions options) {
    return UpDownCounter.noop();
  }

  @Override
  public Histogram histogram(String name, InstrumentOptions options) {
    return Histogram.noop();
  }

  @Override
  public Gauge gauge(String name, InstrumentOptions options) {
    return Gauge.noop();
  }

  @Override
  public Registration gauge(String name, InstrumentOptions options, Labels labels, DoubleSupplier callback) {
    return Registration.noop();
  }

  @Override
  public SpanBuilder spanBuilder(String name) {
    return NoopSpanBuilder.INSTANCE;
  }

  @Override
  public Span currentSpan() {
    return Span.noop();
  }

  @Override
  public <T, E extends Throwable> T inSpan(String name, SpanWork<T, E> work) throws E {
    return work.run();
  }

  @Override
  public void inSpan(String name, Runnable work) {
    work.run();
  }

  @Override
  public void recordEvent(String name, Map<String, ?> data) {}

  @Override
  public <C> void inject(C carrier, CarrierSetter<C> setter) {}

  @Override
  public <C> SpanContext extract(C carrier, CarrierGetter<C> getter) {
    return SpanContext.invalid();
  }

  @Override
  public <C> Map<String, String> extractBaggage(C carrier, CarrierGetter<C> getter) {
    return Map.of();
  }

  @Override
  public Map<String, String> currentBaggage() {
    return Map.of();
  }

  @Override
  public Scope withBaggage(Map<String, String> entries) {
    return Scope.noop();
  }

  @Override
  public Scope isolate() {
    return Scope.noop();
  }

  @Override
  public Runnable wrap(Runnable task) {
    return task;
  }

  @Override
  public <T> Callable<T> wrap(Callable<T> task) {
    return task;
  }

  @Override
  public Executor wrap(Executor executor) {
    return executor;
  }

  @Override
  public ExecutorService wrap(ExecutorService executor) {
    return executor;
  }

  @Override
  public SelfMetrics selfMetrics() {
    return NO_SELF_METRICS;
  }

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public boolean close(Duration timeout) {
    return true;
  }

  @Override
  public String toString() {
    return "Observability.noop()";
  }

  /** Builds no-op spans. */
  private static final class NoopSpanBuilder implements SpanBuilder {
    static final NoopSpanBuilder INSTANCE = new NoopSpanBuilder();

    @Override
    public SpanBuilder kind(SpanKind kind) {
      return this;
    }

    @Override
    public SpanBuilder parent(SpanContext parent) {
      return this;
    }

    @Override
    public SpanBuilder noParent() {
      return this;
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
      return Span.noop();
    }

    @Override
    public Span startDetached() {
      return Span.noop();
    }
  }
}
