package dev.obskit.benchmarks.support;

import dev.obskit.api.Observability;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The facade with traces routed to the OpenTelemetry backend, no span exporter. */
@State(Scope.Benchmark)
public class FacadeTraces {
  /** The facade. */
  public Observability obs;

  /** Builds the facade. */
  @Setup(Level.Trial)
  public void setUp() {
    obs = build();
  }

  /** The facade under test; subclasses route differently. */
  protected Observability build() {
    return Facade.otelTraces().build();
  }

  /** Closes the facade; fails if it dropped spans. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Facade.closeAndCheck(obs, "spans");
    afterClose();
  }

  /** Lets a subclass release what it started. */
  protected void afterClose() {}
}
