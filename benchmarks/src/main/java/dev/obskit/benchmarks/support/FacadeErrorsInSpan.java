package dev.obskit.benchmarks.support;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.spi.Signal;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The facade with errors routed to Sentry (sent to a {@link LocalSentryServer}) and traces to
 * OpenTelemetry, a facade span current on the benchmark thread (Thread-scoped state).
 */
@State(Scope.Thread)
public class FacadeErrorsInSpan {
  /** The facade. */
  public Observability obs;

  private LocalSentryServer server;
  private Span span;

  /** Builds the facade and makes a span current on this thread. */
  @Setup(Level.Trial)
  public void setUp() {
    server = LocalSentryServer.start();
    obs = Facade.withSentry(Facade.otelTraces().route(Signal.ERRORS, "sentry"), server).build();
    span = obs.startSpan("request");
  }

  /** Ends the span and closes the facade; fails if nothing reached the server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    span.close();
    Facade.closeAndCheck(obs, "captured errors");
    server.close();
    RawSentry.requireEnvelopes(server, "facade errors");
  }
}
