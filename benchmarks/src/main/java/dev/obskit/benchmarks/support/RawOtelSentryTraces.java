package dev.obskit.benchmarks.support;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Raw {@code traces: both}: the OpenTelemetry tracer plus a hand-written processor mirroring
 * each span into Sentry (every transaction sampled, sent to a {@link LocalSentryServer}).
 */
@State(Scope.Benchmark)
public class RawOtelSentryTraces extends RawOtelTraces {
  private LocalSentryServer server;

  @Override
  protected void customize(SdkTracerProviderBuilder builder) {
    server = LocalSentryServer.start();
    RawSentry.init(server, 1.0);
    builder.addSpanProcessor(new SentryMirrorProcessor());
  }

  @Override
  protected void afterClose() {
    RawSentry.close();
    server.close();
    RawSentry.requireEnvelopes(server, "mirrored transactions");
  }
}
