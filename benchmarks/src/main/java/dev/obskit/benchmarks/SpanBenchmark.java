package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.FacadeTraces;
import dev.obskit.benchmarks.support.FacadeBothTraces;
import dev.obskit.api.Observability;
import dev.obskit.benchmarks.support.RawOtelSentryTraces;
import dev.obskit.benchmarks.support.RawOtelTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Starting a root span, making it current, setting two attributes (a string and a long), and
 * ending it. Every side makes the span current, because the facade's {@code startSpan} does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SpanBenchmark {
  /** The facade on the OpenTelemetry backend. */
  @Benchmark
  public void facadeOtel(FacadeTraces s) {
    facadeStartEnd(s.obs);
  }

  /** The facade with {@code traces: both} (OpenTelemetry primary, Sentry mirror). */
  @Benchmark
  @Warmup(iterations = 15, time = 1) // Sentry's transaction path warms up slowly (see CaptureErrorBenchmark)
  public void facadeBoth(FacadeBothTraces s) {
    facadeStartEnd(s.obs);
  }

  static void facadeStartEnd(Observability obs) {
    try (dev.obskit.api.Span span = obs.startSpan(Fixtures.SPAN)) {
      span.setAttribute(Fixtures.ATTR_STRING, "hard");
      span.setAttribute(Fixtures.ATTR_LONG, 2L);
    }
  }

  /** Raw OpenTelemetry tracer with a counting span processor. */
  @Benchmark
  public void otel(RawOtelTraces s) {
    startEnd(s.tracer);
  }

  /** Raw OpenTelemetry plus a hand-written processor mirroring each span into Sentry. */
  @Benchmark
  @Warmup(iterations = 15, time = 1)
  public void otelWithSentryMirror(RawOtelSentryTraces s) {
    startEnd(s.tracer);
  }

  private static void startEnd(Tracer tracer) {
    Span span = tracer.spanBuilder(Fixtures.SPAN).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(Fixtures.OTEL_ATTR_STRING, "hard");
      span.setAttribute(Fixtures.OTEL_ATTR_LONG, 2L);
    } finally {
      span.end();
    }
  }
}
