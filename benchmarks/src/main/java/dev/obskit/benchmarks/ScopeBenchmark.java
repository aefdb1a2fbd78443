package dev.obskit.benchmarks;

import dev.obskit.api.Observability;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.benchmarks.support.Facade;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scope's own costs: {@code setTag} on a process-wide scope already holding {@code tags} tags
 * (it must not grow with them: it used to copy the whole map per call), and one request scope
 * opened, given a user and a tag, and closed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScopeBenchmark {

  /** The facade with errors routed (the scope is kept only then) to a backend that keeps nothing. */
  @State(Scope.Benchmark)
  public static class Scoped {
    @Param({"8", "8000"})
    public int tags;
    Observability obs;
    final String[] keys = {"tag0", "tag1", "tag2", "tag3", "tag4", "tag5", "tag6", "tag7"};
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      obs = Facade.allNone().provider(new MemoryBackendProvider(new TestTelemetry()))
          .route(Signal.ERRORS, "memory").set("limits.max_scope_tags", 100_000).build();
      for (int i = 0; i < tags; i++) {
        obs.setTag("tag" + i, "v");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      Facade.closeAndCheck(obs, "scope");
    }
  }

  /** Overwrites one of the existing tags (the map does not grow during the run). */
  @Benchmark
  public void setTagProcessWide(Scoped s) {
    s.obs.setTag(s.keys[s.next++ & 7], "w");
  }

  /** What a request does with its scope besides the request itself. */
  @Benchmark
  public void isolateSetUserAndTagClose(Scoped s) {
    try (dev.obskit.api.Scope request = s.obs.isolate()) {
      s.obs.setUser(User.id("u"));
      s.obs.setTag("route", "/orders");
    }
  }
}
