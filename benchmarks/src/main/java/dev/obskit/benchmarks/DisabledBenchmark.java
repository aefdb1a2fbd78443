package dev.obskit.benchmarks;

import dev.obskit.api.Level;
import dev.obskit.api.MetricType;
import dev.obskit.benchmarks.support.Errors;
import dev.obskit.benchmarks.support.FacadeDisabled;
import dev.obskit.benchmarks.support.Fixtures;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every facade call with its signal routed to {@code none}: what instrumented code costs when a
 * signal is switched off. Arguments are prebuilt (the exception too), so only the facade's own
 * work is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DisabledBenchmark {
  private static final Throwable ERROR = new IllegalStateException("disabled");
  private static final Map<String, Object> EVENT_DATA = Map.of("stage", "dedup");

  /** A bound counter add. */
  @Benchmark
  public void counterAdd(FacadeDisabled s) {
    s.counter.add(1, Fixtures.LABELS);
  }

  /** A by-name recording with prebuilt labels. */
  @Benchmark
  public void recordMetric(FacadeDisabled s) {
    s.obs.recordMetric(Fixtures.COUNTER, 1, Fixtures.LABELS, MetricType.COUNTER);
  }

  /** A span started, given the same two attributes as in {@link SpanBenchmark}, and ended. */
  @Benchmark
  public void spanStartEnd(FacadeDisabled s) {
    SpanBenchmark.facadeStartEnd(s.obs);
  }

  /** An error capture with context. */
  @Benchmark
  public void captureError(FacadeDisabled s) {
    s.obs.captureError(ERROR, Errors.CONTEXT, Level.ERROR);
  }

  /** An event. */
  @Benchmark
  public void recordEvent(FacadeDisabled s) {
    s.obs.recordEvent("pipeline.stage_done", EVENT_DATA);
  }
}
