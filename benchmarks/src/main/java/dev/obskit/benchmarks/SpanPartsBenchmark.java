package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.FacadeTraces;
import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.RawOtelTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
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
 * {@link SpanBenchmark}'s pair in two parts, to tell where the facade's cost lies: a span
 * started current and ended without attributes, and two attributes set on a span that stays open.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SpanPartsBenchmark {
  /** A facade span open for a whole iteration. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class OpenFacadeSpan extends FacadeTraces {
    /** The open span. */
    public dev.obskit.api.Span span;

    /** Opens the span (detached: the benchmark thread's context stays empty). */
    @Setup(Level.Iteration)
    public void open() {
      span = obs.spanBuilder("long").startDetached();
    }

    /** Ends it. */
    @TearDown(Level.Iteration)
    public void end() {
      span.end();
    }
  }

  /** A raw OpenTelemetry span open for a whole iteration. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class OpenOtelSpan extends RawOtelTraces {
    /** The open span. */
    public Span span;

    /** Opens the span. */
    @Setup(Level.Iteration)
    public void open() {
      span = tracer.spanBuilder("long").startSpan();
    }

    /** Ends it. */
    @TearDown(Level.Iteration)
    public void end() {
      span.end();
    }
  }

  /** The facade: a span started current and closed, no attributes. */
  @Benchmark
  public void facadeStartEnd(FacadeTraces s) {
    try (dev.obskit.api.Span span = s.obs.startSpan(Fixtures.SPAN)) {
      span.isRecording();
    }
  }

  /** Raw OpenTelemetry: start, make current, end, no attributes. */
  @Benchmark
  public void otelStartEnd(RawOtelTraces s) {
    Span span = s.tracer.spanBuilder(Fixtures.SPAN).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.isRecording();
    } finally {
      span.end();
    }
  }

  /** The facade: a string and a long attribute set by name on an open span. */
  @Benchmark
  public void facadeAttributes(OpenFacadeSpan s) {
    s.span.setAttribute(Fixtures.ATTR_STRING, "hard");
    s.span.setAttribute(Fixtures.ATTR_LONG, 2L);
  }

  /** Raw OpenTelemetry: the same two attributes with prebuilt keys on an open span. */
  @Benchmark
  public void otelAttributes(OpenOtelSpan s) {
    s.span.setAttribute(Fixtures.OTEL_ATTR_STRING, "hard");
    s.span.setAttribute(Fixtures.OTEL_ATTR_LONG, 2L);
  }
}
