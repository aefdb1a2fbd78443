package dev.obskit.benchmarks;

import dev.obskit.api.Counter;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.benchmarks.support.Facade;
import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.IdleMetricReader;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bound counter of {@link CounterBenchmark} while a sampled span is current, as in a request
 * handler: the raw SDK then offers every measurement to its exemplar reservoir; the facade's
 * backend offers the first few per series and collection interval and buffers the rest (see
 * docs/otel.md). Information rows: the target is defined outside a span.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CounterInSpanBenchmark {
  /** The facade with metrics and traces on the OpenTelemetry backend, a facade span current. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class FacadeInSpan {
    Observability obs;
    Counter counter;
    private dev.obskit.api.Span span;

    /** Builds the facade and the handle. */
    @Setup(Level.Trial)
    public void setUp() {
      obs = Facade.otelMetrics().route(Signal.TRACES, "otel").set("otel.traces.exporter", "none").build();
      counter = obs.counter(Fixtures.COUNTER);
    }

    /** Starts a span current on this (the benchmark) thread for the iteration. */
    @Setup(Level.Iteration)
    public void enter() {
      span = obs.startSpan(Fixtures.SPAN);
      if (!span.context().isSampled()) {
        throw new IllegalStateException("the facade span is not sampled: the benchmark would not measure the in-span path");
      }
    }

    /** Ends the iteration's span. */
    @TearDown(Level.Iteration)
    public void exit() {
      span.close();
    }

    /** Closes the facade; fails if it dropped measurements. */
    @TearDown(Level.Trial)
    public void tearDown() {
      Facade.closeAndCheck(obs, "counters in a span");
    }
  }

  /** Raw OpenTelemetry: a meter and a tracer provider, an OTel span current. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class RawInSpan {
    LongCounter counter;
    private SdkMeterProvider meters;
    private SdkTracerProvider tracers;
    private IdleMetricReader reader;
    private Span span;
    private Scope scope;

    /** Builds the providers and the counter. */
    @Setup(Level.Trial)
    public void setUp() {
      reader = new IdleMetricReader();
      meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
      tracers = SdkTracerProvider.builder().build();
      counter = meters.get(Fixtures.SCOPE).counterBuilder(Fixtures.COUNTER).build();
    }

    /** Starts a span current on this (the benchmark) thread for the iteration. */
    @Setup(Level.Iteration)
    public void enter() {
      span = tracers.get(Fixtures.SCOPE).spanBuilder(Fixtures.SPAN).startSpan();
      scope = span.makeCurrent();
    }

    /** Ends the iteration's span. */
    @TearDown(Level.Iteration)
    public void exit() {
      scope.close();
      span.end();
    }

    /** Fails the run if nothing was recorded, then shuts the providers down. */
    @TearDown(Level.Trial)
    public void tearDown() {
      int points = reader.collectPointCount();
      meters.close();
      tracers.close();
      if (points == 0) {
        throw new IllegalStateException("raw OpenTelemetry recorded no metric point: the benchmark measured nothing");
      }
    }
  }

  /** The facade's bound counter, prebuilt labels, inside a sampled span. */
  @Benchmark
  public void facade(FacadeInSpan s) {
    s.counter.add(1, Fixtures.LABELS);
  }

  /** Raw OpenTelemetry {@code LongCounter.add} with constant attributes, inside a sampled span. */
  @Benchmark
  public void otel(RawInSpan s) {
    s.counter.add(1, Fixtures.ATTRIBUTES);
  }
}
