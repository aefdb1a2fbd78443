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
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Raw Sentry capturing an error while an OpenTelemetry span is current, correlated with that span
 * by hand. Thread-scoped, so that the span is current on the benchmark thread itself.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class RawSentryErrorsInSpan {
  private LocalSentryServer server;
  private SdkTracerProvider provider;
  private Span span;
  private Scope current;

  /** Initializes Sentry and OpenTelemetry and makes a span current on this thread. */
  @Setup(Level.Trial)
  public void setUp() {
    server = LocalSentryServer.start();
    RawSentry.init(server, null);
    provider = SdkTracerProvider.builder().setResource(RawOtelTraces.resource())
        .addSpanProcessor(new CountingSpanProcessor()).build();
    Tracer tracer = provider.get(Fixtures.SCOPE);
    span = tracer.spanBuilder("request").startSpan();
    current = span.makeCurrent();
  }

  /**
   * The leanest correct capture, the same work the facade's backend does: a scope callback (Sentry
   * forks the scope for this one event) sets the propagation context from the current span, the
   * level and a copy of the context.
   */
  public void capture(Throwable error, Map<String, Object> context) {
    PropagationContext propagation = propagation();
    Sentry.captureException(error, scope -> {
      scope.setPropagationContext(propagation);
      scope.setLevel(SentryLevel.ERROR);
      scope.setContexts("context", new LinkedHashMap<>(context));
    });
  }

  /** Sentry's isolation-scope recipe: push an isolation scope, configure it, capture, pop. */
  public void captureInIsolationScope(Throwable error, Map<String, Object> context) {
    PropagationContext propagation = propagation();
    try (ISentryLifecycleToken ignored = Sentry.pushIsolationScope()) {
      Sentry.configureScope(scope -> {
        scope.setPropagationContext(propagation);
        scope.setLevel(SentryLevel.ERROR);
        scope.setContexts("context", new LinkedHashMap<>(context));
      });
      Sentry.captureException(error);
    }
  }

  private static PropagationContext propagation() {
    io.opentelemetry.api.trace.SpanContext ids = Span.current().getSpanContext();
    return new PropagationContext(new SentryId(ids.getTraceId()), new SpanId(ids.getSpanId()), null, null,
        ids.isSampled());
  }

  /** Ends the span and closes both SDKs; fails if Sentry sent nothing. */
  @TearDown(Level.Trial)
  public void tearDown() {
    current.close();
    span.end();
    provider.close();
    RawSentry.close();
    server.close();
    RawSentry.requireEnvelopes(server, "captured errors");
  }
}
