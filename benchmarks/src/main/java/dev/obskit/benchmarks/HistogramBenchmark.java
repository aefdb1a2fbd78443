package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.FacadeMetrics;
import dev.obskit.benchmarks.support.RawOtelMetrics;
import dev.obskit.benchmarks.support.Values;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Recording into a histogram through a bound handle; the same value sequence on every side. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HistogramBenchmark {
  /** The facade: a bound histogram with a prebuilt {@code Labels}. */
  @Benchmark
  public void facade(FacadeMetrics s, Values v) {
    s.histogram.record(v.next(), Fixtures.LABELS);
  }

  /** Raw OpenTelemetry: {@code DoubleHistogram.record} with prebuilt {@code Attributes}. */
  @Benchmark
  public void otel(RawOtelMetrics s, Values v) {
    s.histogram.record(v.next(), Fixtures.ATTRIBUTES);
  }

  /**
   * Raw OpenTelemetry with equal {@code Attributes} read from a field instead of a {@code static
   * final} constant (see {@code CounterBenchmark.otelAttributesInField}): with a constant the JIT
   * knows the key's class where the SDK looks the series up and calls its {@code hashCode}
   * directly; the facade's backend, which converts labels at run time, cannot get that.
   */
  @Benchmark
  public void otelAttributesInField(RawOtelMetrics s, Values v) {
    s.histogram.record(v.next(), s.attributes);
  }
}
