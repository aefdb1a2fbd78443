package dev.obskit.benchmarks;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.benchmarks.support.Facade;
import dev.obskit.benchmarks.support.FacadeMetrics;
import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.RawOtelMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
  public static class FacadeInSpan extends FacadeMetrics {
    private dev.obskit.api.Span span;

    @Override
    protected Observability build() {
      return Facade.otelMetrics().route(Signal.TRACES, "otel").set("otel.traces.exporter", "none").build();
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
  }

  /** Raw OpenTelemetry: the metrics state of the other counter rows plus a tracer, an OTel span current. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class RawInSpan extends RawOtelMetrics {
    private SdkTracerProvider tracers;
    private Span span;
    private Scope scope;

    /** Builds the tracer provider. */
    @Setup(Level.Trial)
    public void startTracing() {
      tracers = SdkTracerProvider.builder()
        // Since SDK 1.67 a provider without a span processor hands out a no-op tracer (zero ids).
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();
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

    /** Shuts the tracer provider down. */
    @TearDown(Level.Trial)
    public void stopTracing() {
      tracers.close();
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
