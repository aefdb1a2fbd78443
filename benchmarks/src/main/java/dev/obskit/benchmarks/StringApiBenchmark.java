package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.Fixtures;
import dev.obskit.benchmarks.support.FacadeMetrics;
import dev.obskit.api.MetricType;
import dev.obskit.api.Labels;
import dev.obskit.benchmarks.support.LabelValues;
import dev.obskit.benchmarks.support.MicrometerMetrics;
import dev.obskit.benchmarks.support.RawOtelMetrics;
import io.opentelemetry.api.common.Attributes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording by metric name, labels given inline: the convenient API, which resolves the
 * instrument on every call. The raw side keeps its counter but builds its Attributes per call,
 * as code does that passes label values inline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StringApiBenchmark {
  /** The facade by name, labels built inline per call (the pair of {@link #otelFreshAttributes}). */
  @Benchmark
  public void facadeFreshLabels(FacadeMetrics s, LabelValues v) {
    s.obs.recordMetric(Fixtures.COUNTER, 1, Labels.of("type", v.type, "tier", v.tier), MetricType.COUNTER);
  }

  /** The facade by name with a prebuilt {@code Labels} constant. */
  @Benchmark
  public void facadePrebuiltLabels(FacadeMetrics s) {
    s.obs.recordMetric(Fixtures.COUNTER, 1, Fixtures.LABELS, MetricType.COUNTER);
  }

  /** Raw OpenTelemetry: cached counter, {@code Attributes.of(...)} built per call. */
  @Benchmark
  public void otelFreshAttributes(RawOtelMetrics s, LabelValues v) {
    s.counter.add(1, Attributes.of(Fixtures.TYPE, v.type, Fixtures.TIER, v.tier));
  }

  /** Micrometer: look the counter up by name and tags on every call. */
  @Benchmark
  public void micrometerLookup(MicrometerMetrics s, LabelValues v) {
    s.registry.counter(Fixtures.COUNTER, "type", v.type, "tier", v.tier).increment();
  }
}
