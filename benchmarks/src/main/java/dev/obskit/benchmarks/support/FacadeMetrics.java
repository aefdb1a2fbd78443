package dev.obskit.benchmarks.support;

import dev.obskit.api.Counter;
import dev.obskit.api.Histogram;
import dev.obskit.api.Observability;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The facade with metrics routed to the OpenTelemetry backend; bound handles resolved once. */
@State(Scope.Benchmark)
public class FacadeMetrics {
  /** The facade, for the by-name API. */
  public Observability obs;
  /** The bound counter, as an application keeps it in a field. */
  public Counter counter;
  /** The bound histogram. */
  public Histogram histogram;

  /** Builds the facade and the handles. */
  @Setup(Level.Trial)
  public void setUp() {
    obs = build();
    counter = obs.counter(Fixtures.COUNTER);
    histogram = obs.histogram(Fixtures.HISTOGRAM);
  }

  /** The facade under test; a subclass may route more signals. */
  protected Observability build() {
    return Facade.otelMetrics().build();
  }

  /** Closes the facade; fails if it dropped measurements. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Facade.closeAndCheck(obs, "metrics");
  }
}
