package dev.obskit.benchmarks;

import dev.obskit.benchmarks.support.Errors;
import dev.obskit.benchmarks.support.FacadeErrorsInSpan;
import dev.obskit.api.Level;
import dev.obskit.benchmarks.support.RawSentryErrorsInSpan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capturing an exception while a span is current, correlated with that span, through Sentry,
 * sending to a local stand-in server over Sentry's asynchronous HTTP transport. Each capture
 * gets a fresh exception sharing one 32-frame stack.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Sentry's capture path needs about 15 s on 2 cores to reach its steady state (both sides: 30 us
// per capture in the first seconds, 5-8 us after); a short warm-up measured warm-up noise.
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CaptureErrorBenchmark {
  /** The facade: {@code captureError(error, context, ERROR)} while a facade span is current. */
  @Benchmark
  public void facade(FacadeErrorsInSpan s, Errors e) {
    s.obs.captureError(e.next(), Errors.CONTEXT, Level.ERROR);
  }

  /** Raw Sentry, correlated by hand with the same scope work the facade's backend does. */
  @Benchmark
  public void sentry(RawSentryErrorsInSpan s, Errors e) {
    s.capture(e.next(), Errors.CONTEXT);
  }

  /** Raw Sentry with Sentry's isolation-scope recipe (push an isolation scope, configure, capture). */
  @Benchmark
  public void sentryIsolationScope(RawSentryErrorsInSpan s, Errors e) {
    s.captureInIsolationScope(e.next(), Errors.CONTEXT);
  }
}
