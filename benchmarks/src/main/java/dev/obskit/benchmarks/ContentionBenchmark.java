package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.FacadeMetrics;
import dev.obskit.benchmarks.support.MicrometerMetrics;
import dev.obskit.benchmarks.support.RawOtelMetrics;
import org.openjdk.jmh.annotations.Threads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Two threads adding to the same counter series at once (states are shared by both threads). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(2)
public class ContentionBenchmark {
  /** The facade's bound counter with a prebuilt {@code Labels}. */
  @Benchmark
  public void facade(FacadeMetrics s) {
    s.counter.add(1, Fixtures.LABELS);
  }

  /** Raw OpenTelemetry {@code LongCounter.add} with prebuilt {@code Attributes}. */
  @Benchmark
  public void otel(RawOtelMetrics s) {
    s.counter.add(1, Fixtures.ATTRIBUTES);
  }

  /**
   * Raw OpenTelemetry {@code DoubleCounter.add}: the facade's counters take doubles, so its
   * OpenTelemetry backend builds double counters ({@code DoubleAdder} cells rather than
   * {@code LongAdder} ones); this row separates that choice from the facade's own cost.
   */
  @Benchmark
  public void otelDouble(RawOtelMetrics s) {
    s.doubleCounter.add(1.0, Fixtures.ATTRIBUTES);
  }

  /** Micrometer cached counter. */
  @Benchmark
  public void micrometer(MicrometerMetrics s) {
    s.counter.increment();
  }
}
