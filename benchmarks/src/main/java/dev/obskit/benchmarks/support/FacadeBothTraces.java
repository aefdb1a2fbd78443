package dev.obskit.benchmarks.support;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The facade with {@code traces: both}: OpenTelemetry primary (no exporter), Sentry mirror
 * (every transaction sampled, sent to a {@link LocalSentryServer}).
 */
@State(Scope.Benchmark)
public class FacadeBothTraces extends FacadeTraces {
  private LocalSentryServer server;

  @Override
  protected Observability build() {
    server = LocalSentryServer.start();
    return Facade.withSentry(Facade.otelTraces().route(Signal.TRACES, "both"), server)
        .set("sentry.traces_sample_rate", 1.0)
        .build();
  }

  @Override
  protected void afterClose() {
    server.close();
    RawSentry.requireEnvelopes(server, "facade transactions");
  }
}
