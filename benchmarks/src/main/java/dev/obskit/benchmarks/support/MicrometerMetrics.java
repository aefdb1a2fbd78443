package dev.obskit.benchmarks.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Micrometer's {@link SimpleMeterRegistry} with the counter looked up once. */
@State(Scope.Benchmark)
public class MicrometerMetrics {
  /** The registry, for the look-up-per-call benchmark. */
  public SimpleMeterRegistry registry;
  /** The cached counter. */
  public Counter counter;

  /** Creates the registry and the counter. */
  @Setup(Level.Trial)
  public void setUp() {
    registry = new SimpleMeterRegistry();
    counter = registry.counter(Fixtures.COUNTER, Fixtures.TAGS);
  }

  /** Fails the run if nothing was counted. */
  @TearDown(Level.Trial)
  public void tearDown() {
    double count = counter.count();
    registry.close();
    if (count <= 0) {
      throw new IllegalStateException("Micrometer counted nothing: the benchmark measured nothing");
    }
  }
}
