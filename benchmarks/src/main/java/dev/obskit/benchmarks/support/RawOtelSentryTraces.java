package dev.obskit.benchmarks.support;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Raw {@code traces: both}: the OpenTelemetry tracer plus a hand-written processor mirroring
 * each span into Sentry (in-memory transport, every transaction sampled).
 */
@State(Scope.Benchmark)
public class RawOtelSentryTraces extends RawOtelTraces {
  private CountingSentryTransport transport;

  @Override
  protected void customize(SdkTracerProviderBuilder builder) {
    transport = RawSentry.init(1.0);
    builder.addSpanProcessor(new SentryMirrorProcessor());
  }

  @Override
  protected void afterClose() {
    RawSentry.close(transport, "mirrored transactions");
  }
}
