package dev.obskit.core.fakes;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Registration;
import dev.obskit.api.Scope;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.User;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.ContextSnapshot;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.ForeignSpanListener;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.SpanClock;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.Sinks;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * An in-memory backend for the core's own tests: records every call, can throw on every call,
 * can hang on close, can own the current-span context like OpenTelemetry does.
 */
public final class FakeBackend implements Backend {
  public final String name;
  public final BackendContext context;
  public final List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
  public final List<String> scopeCalls = new CopyOnWriteArrayList<>();
  public final List<Measurement> measurements = new CopyOnWriteArrayList<>();
  public final List<InstrumentDescriptor> instruments = new CopyOnWriteArrayList<>();
  /** Every label set bound to a series, as "metric name labels". */
  public final List<String> binds = new CopyOnWriteArrayList<>();
  public final List<FakeSpan> spans = new CopyOnWriteArrayList<>();
  public final List<Event> events = new CopyOnWriteArrayList<>();
  public final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  public final Map<String, DoubleSupplier> callbackGauges = new LinkedHashMap<>();
  public final AtomicInteger flushes = new AtomicInteger();
  public final AtomicInteger closes = new AtomicInteger();

  public volatile boolean throwing;
  public boolean errorsSupported = true;
  public boolean metricsSupported = true;
  public boolean tracesSupported = true;
  public boolean eventsSupported = true;
  public boolean logsSupported = true;
  /** Thrown by {@link #sinks()} when set. */
  public RuntimeException sinksFailure;
  public boolean ownsContext;
  /** Whether started spans have no ids (a broken backend): the core must give them its own. */
  public boolean invalidIds;
  /** Whether a span handle's isCurrent throws (a broken backend; everything else works). */
  public volatile boolean isCurrentThrows;
  public boolean sampled = true;
  /** When set, close() blocks until it is counted down (simulates a hanging exporter). */
  public volatile CountDownLatch hangOnClose;
  /** Config keys read at creation (so they are known), e.g. "traces_sample_rate" as a double. */
  public List<String> doubleKeys = new ArrayList<>();
  public Map<String, String> description = new LinkedHashMap<>();
  public volatile ForeignSpanListener foreignListener;

  private final ThreadLocal<FakeSpan> current = new ThreadLocal<>();

  FakeBackend(String name, BackendContext context) {
    this.name = name;
    this.context = context;
  }

  void readConfig() {
    for (String key : doubleKeys) {
      context.config().getDouble(key, 0.0, 0.0, 1.0);
    }
  }

  private void maybeThrow() {
    if (throwing) {
      throw new IllegalStateException("fake backend " + name + " fails on purpose");
    }
  }

  /** One measurement. */
  public static final class Measurement {
    public final String name;
    public final double value;
    public final Labels labels;

    Measurement(String name, double value, Labels labels) {
      this.name = name;
      this.value = value;
      this.labels = labels;
    }

    @Override
    public String toString() {
      return name + "=" + value + labels;
    }
  }

  /** One event. */
  public static final class Event {
    public final String name;
    public final Map<String, Object> data;
    public final SpanContext span;
    public final long epochMillis;

    Event(String name, Map<String, Object> data, SpanContext span, long epochMillis) {
      this.name = name;
      this.data = data;
      this.span = span;
      this.epochMillis = epochMillis;
    }
  }

  /** One span as this backend saw it. */
  public final class FakeSpan implements SpanHandle {
    public final SpanStart start;
    public final SpanContext spanContext;
    public final boolean foreign;
    public final Map<String, Object> attributes = new LinkedHashMap<>();
    public final List<String> eventNames = new CopyOnWriteArrayList<>();
    public final List<Throwable> exceptions = new CopyOnWriteArrayList<>();
    /** The times the core passed with events and exceptions, in call order; null for none given. */
    public final List<Long> eventNanos = new CopyOnWriteArrayList<>();
    public volatile SpanStatus status = SpanStatus.UNSET;
    public volatile String statusDescription = "";
    public volatile String name;
    /** The parent the span started under: the start's, or (parentIsCurrent) this backend's current span. */
    public final SpanContext parent;
    /** The start time: the core's, or (none given) this backend's clock. */
    public final long startNanos;
    /** The end time: the core's, or (none given) this backend's clock. */
    public volatile long endNanos;
    /** Whether the core passed the end time (false: the span ended by this backend's clock). */
    public volatile boolean endTimeGiven;
    public volatile int endCalls;
    /** For a foreign span: the mirrors' handle returned by the core's listener. */
    volatile SpanHandle mirrorHandle;

    FakeSpan(SpanStart start, SpanContext parent, SpanContext context, boolean foreign) {
      this.start = start;
      this.parent = parent;
      this.startNanos = start.startEpochNanos().orElseGet(SpanClock::nowEpochNanos);
      this.spanContext = context;
      this.foreign = foreign;
      this.name = start.name();
      attributes.putAll(start.attributes());
    }

    @Override
    public SpanContext context() {
      return spanContext;
    }

    @Override
    public boolean isRecording() {
      return spanContext.isSampled();
    }

    @Override
    public void setAttribute(String key, String value) {
      maybeThrow();
      attributes.put(key, value);
      if (mirrorHandle != null) {
        mirrorHandle.setAttribute(key, value);
      }
    }

    @Override
    public void setAttribute(String key, long value) {
      maybeThrow();
      attributes.put(key, value);
    }

    @Override
    public void setAttribute(String key, double value) {
      maybeThrow();
      attributes.put(key, value);
    }

    @Override
    public void setAttribute(String key, boolean value) {
      maybeThrow();
      attributes.put(key, value);
    }

    @Override
    public void addEvent(String name, Map<String, Object> attributes, long epochNanos) {
      maybeThrow();
      eventNames.add(name);
      eventNanos.add(epochNanos);
    }

    @Override
    public void addEvent(String name, Map<String, Object> attributes) {
      maybeThrow();
      eventNames.add(name);
      eventNanos.add(null);
    }

    @Override
    public void setStatus(SpanStatus status, String description) {
      maybeThrow();
      this.status = status;
      this.statusDescription = description;
    }

    @Override
    public void recordException(Throwable error, long epochNanos) {
      maybeThrow();
      exceptions.add(error);
      eventNanos.add(epochNanos);
    }

    @Override
    public void recordException(Throwable error) {
      maybeThrow();
      exceptions.add(error);
      eventNanos.add(null);
    }

    @Override
    public void updateName(String name) {
      maybeThrow();
      this.name = name;
    }

    @Override
    public void end(long epochNanos) {
      endCalls++;
      endNanos = epochNanos;
      endTimeGiven = true;
      if (mirrorHandle != null) {
        mirrorHandle.end(epochNanos);
      }
      maybeThrow();
    }

    @Override
    public void end() {
      endCalls++;
      endNanos = SpanClock.nowEpochNanos();
      if (mirrorHandle != null) {
        mirrorHandle.end(endNanos);
      }
      maybeThrow();
    }

    @Override
    public Scope makeCurrent() {
      FakeSpan previous = current.get();
      current.set(this);
      return () -> current.set(previous);
    }

    @Override
    public boolean isCurrent() {
      if (isCurrentThrows) {
        throw new IllegalStateException("fake backend " + name + " fails isCurrent on purpose");
      }
      return current.get() == this;
    }

    public boolean ended() {
      return endCalls > 0;
    }
  }

  /**
   * Simulates other instrumentation starting a span directly in this backend (as the OTel agent
   * would) and making it current; mirrors learn about it through the core's listener.
   */
  public Scope startForeignSpan(String spanName) {
    FakeSpan parent = current.get();
    SpanContext ctx = SpanContext.create(parent != null ? parent.spanContext.traceId() : randomTraceId(),
        randomSpanId(), true, "");
    SpanStart start = SpanStart.builder(spanName).parent(parent != null ? parent.spanContext : SpanContext.invalid())
        .startEpochNanos(System.currentTimeMillis() * 1_000_000L).assignedContext(ctx).build();
    FakeSpan span = new FakeSpan(start, start.parent(), ctx, true);
    spans.add(span);
    ForeignSpanListener l = foreignListener;
    if (l != null) {
      span.mirrorHandle = l.onStart(start);
    }
    current.set(span);
    return () -> current.set(parent);
  }

  public FakeSpan span(String spanName) {
    for (FakeSpan s : spans) {
      if (s.name.equals(spanName)) {
        return s;
      }
    }
    throw new AssertionError(name + " has no span named " + spanName + "; it has " + spans.stream().map(s -> s.name).toList());
  }

  static String randomTraceId() {
    return String.format("%016x%016x", ThreadLocalRandom.current().nextLong() | 1, ThreadLocalRandom.current().nextLong());
  }

  static String randomSpanId() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong() | 1);
  }

  @Override
  public String name() {
    return name;
  }

  /** A sink for each supported signal; each call hands out fresh sinks, as a backend may. */
  @Override
  public Sinks sinks() {
    if (sinksFailure != null) {
      throw sinksFailure;
    }
    Sinks.Builder sinks = Sinks.builder();
    if (errorsSupported) {
      sinks.errors(errorSink());
    }
    if (metricsSupported) {
      sinks.metrics(metricSink());
    }
    if (tracesSupported) {
      sinks.traces(spanSink());
    }
    if (eventsSupported) {
      sinks.events(eventSink());
    }
    if (logsSupported) {
      sinks.logs(logSink());
    }
    return sinks.build();
  }

  private ErrorSink errorSink() {
    return new ErrorSink() {
      @Override
      public void capture(ErrorEvent event) {
        maybeThrow();
        errors.add(event);
      }

      @Override
      public void setUser(User user) {
        maybeThrow();
        scopeCalls.add("user=" + user);
      }

      @Override
      public void setTag(String key, String value) {
        maybeThrow();
        scopeCalls.add("tag " + key + "=" + value);
      }

      @Override
      public void setContext(String ctxName, Map<String, Object> values) {
        maybeThrow();
        scopeCalls.add("context " + ctxName + "=" + values);
      }
    };
  }

  private MetricSink metricSink() {
    return new MetricSink() {
      @Override
      public MetricInstrument instrument(InstrumentDescriptor descriptor) {
        maybeThrow();
        instruments.add(descriptor);
        return new MetricInstrument() {
          @Override
          public void record(double value, Labels labels) {
            maybeThrow();
            measurements.add(new Measurement(descriptor.name(), value, labels));
          }

          @Override
          public Series bind(Labels labels) {
            binds.add(descriptor.name() + " " + labels);
            return MetricInstrument.super.bind(labels);
          }
        };
      }

      @Override
      public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
        maybeThrow();
        synchronized (callbackGauges) {
          callbackGauges.put(descriptor.name(), callback);
        }
        return () -> {
          synchronized (callbackGauges) {
            callbackGauges.remove(descriptor.name());
          }
        };
      }
    };
  }

  private SpanSink spanSink() {
    return new SpanSink() {
      @Override
      public SpanHandle start(SpanStart start) {
        maybeThrow();
        SpanContext parent = start.parentIsCurrent() ? currentContext() : start.parent();
        SpanContext ctx = start.assignedContext();
        if (!ctx.isValid()) {
          String traceId = parent.isValid() ? parent.traceId() : randomTraceId();
          ctx = SpanContext.create(traceId, randomSpanId(), sampled, parent.traceState());
        }
        if (invalidIds) {
          ctx = SpanContext.invalid();
        }
        FakeSpan span = new FakeSpan(start, parent, ctx, false);
        spans.add(span);
        return span;
      }

      @Override
      public boolean ownsContext() {
        return ownsContext;
      }

      @Override
      public SpanContext currentContext() {
        FakeSpan s = current.get();
        return s == null ? SpanContext.invalid() : s.spanContext;
      }

      @Override
      public SpanHandle currentSpan() {
        return current.get();
      }

      @Override
      public ContextSnapshot captureContext() {
        FakeSpan captured = current.get();
        return () -> {
          FakeSpan previous = current.get();
          current.set(captured);
          return () -> current.set(previous);
        };
      }

      @Override
      public void setForeignSpanListener(ForeignSpanListener listener) {
        foreignListener = listener;
      }
    };
  }

  private EventSink eventSink() {
    return (eventName, data, span, epochMillis) -> {
      maybeThrow();
      events.add(new Event(eventName, data, span, epochMillis));
    };
  }

  private LogSink logSink() {
    return record -> {
      maybeThrow();
      logs.add(record);
    };
  }

  @Override
  public boolean flush(Duration timeout) {
    flushes.incrementAndGet();
    return true;
  }

  @Override
  public boolean close(Duration timeout) {
    closes.incrementAndGet();
    CountDownLatch hang = hangOnClose;
    if (hang != null) {
      try {
        hang.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return true;
  }

  @Override
  public Map<String, String> describe() {
    return description;
  }
}
