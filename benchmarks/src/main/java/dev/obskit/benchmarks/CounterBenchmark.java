package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.FacadeMetrics;
import dev.obskit.benchmarks.support.MicrometerMetrics;
import dev.obskit.benchmarks.support.RawOtelMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding 1 to a counter through a handle resolved once, with labels prebuilt once: the hot path
 * the facade promises to keep as cheap as the SDK it wraps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CounterBenchmark {
  /** The facade: a bound counter with a prebuilt {@code Labels}. */
  @Benchmark
  public void facade(FacadeMetrics s) {
    s.counter.add(1, Fixtures.LABELS);
  }

  /** Raw OpenTelemetry: {@code LongCounter.add} with prebuilt {@code Attributes}. */
  @Benchmark
  public void otel(RawOtelMetrics s) {
    s.counter.add(1, Fixtures.ATTRIBUTES);
  }

  /**
   * Raw OpenTelemetry with a {@code DoubleCounter}: the facade's counters take doubles, so its
   * OpenTelemetry backend builds double counters; this row separates that choice from the facade.
   */
  @Benchmark
  public void otelDouble(RawOtelMetrics s) {
    s.doubleCounter.add(1.0, Fixtures.ATTRIBUTES);
  }

  /**
   * Raw OpenTelemetry with the same prebuilt {@code Attributes} read from a field rather than a
   * {@code static final} constant, as the facade's backend holds them (the series it bound for
   * the label set). Separates the cost of a constant from that of the facade.
   */
  @Benchmark
  public void otelAttributesInField(RawOtelMetrics s) {
    s.counter.add(1, s.attributes);
  }

  /** Micrometer: a cached {@code Counter.increment()} (tags are part of the counter). */
  @Benchmark
  public void micrometer(MicrometerMetrics s) {
    s.counter.increment();
  }
}
