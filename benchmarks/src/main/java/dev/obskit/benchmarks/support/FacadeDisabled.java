package dev.obskit.benchmarks.support;

import dev.obskit.api.Counter;
import dev.obskit.api.Observability;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The facade with every signal routed to {@code none}: what instrumented code costs when off. */
@State(Scope.Benchmark)
public class FacadeDisabled {
  /** The facade. */
  public Observability obs;
  /** A bound counter of the disabled facade. */
  public Counter counter;

  /** Builds the facade. */
  @Setup(Level.Trial)
  public void setUp() {
    obs = Facade.allNone().build();
    counter = obs.counter(Fixtures.COUNTER);
  }

  /** Closes the facade. */
  @TearDown(Level.Trial)
  public void tearDown() {
    obs.close(Duration.ofSeconds(5));
  }
}
