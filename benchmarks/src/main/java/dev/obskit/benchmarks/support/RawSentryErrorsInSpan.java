package dev.obskit.benchmarks.support;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.sentry.ISentryLifecycleToken;
import io.sentry.PropagationContext;
import io.sentry.Sentry;
import io.sentry.SentryLevel;
import io.sentry.SpanId;
import io.sentry.protocol.SentryId;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Raw Sentry capturing an error while an OpenTelemetry span is current, with the correlation
 * work of PEERS.md done by hand: push an isolation scope, set the propagation context from the
 * current span, set level and context, capture. Thread-scoped, so that the span is current on
 * the benchmark thread itself.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class RawSentryErrorsInSpan {
  private CountingSentryTransport transport;
  private SdkTracerProvider provider;
  private Span span;
  private Scope current;

  /** Initializes Sentry and OpenTelemetry and makes a span current on this thread. */
  @Setup(Level.Trial)
  public void setUp() {
    transport = RawSentry.init(0.0);
    provider = SdkTracerProvider.builder().setResource(RawOtelTraces.resource())
        .addSpanProcessor(new CountingSpanProcessor()).build();
    Tracer tracer = provider.get(Fixtures.SCOPE);
    span = tracer.spanBuilder("request").startSpan();
    current = span.makeCurrent();
  }

  /** Captures {@code error} correlated with the current span. */
  public void capture(Throwable error, Map<String, Object> context) {
    io.opentelemetry.api.trace.SpanContext ids = Span.current().getSpanContext();
    try (ISentryLifecycleToken ignored = Sentry.pushIsolationScope()) {
      Sentry.configureScope(scope -> {
        scope.setPropagationContext(new PropagationContext(new SentryId(ids.getTraceId()),
            new SpanId(ids.getSpanId()), null, null, ids.isSampled()));
        scope.setLevel(SentryLevel.ERROR);
        scope.setContexts("context", context);
      });
      Sentry.captureException(error);
    }
  }

  /** Ends the span and closes both SDKs; fails if Sentry sent nothing. */
  @TearDown(Level.Trial)
  public void tearDown() {
    current.close();
    span.end();
    provider.close();
    RawSentry.close(transport, "captured errors");
  }
}
