package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.readback.ZipkinSpans;
import dev.obskit.it.sdk.ItSdk;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.sentry.Sentry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Facade spans and raw OpenTelemetry API spans (as library instrumentation makes them, through
 * {@code GlobalOpenTelemetry}) nest both ways in one trace in Zipkin, and errors captured while
 * either kind is current, through the facade or through Sentry's own static API, reach Spotlight
 * with that span's ids.
 */
@RequiresPeers({Peer.ZIPKIN, Peer.SPOTLIGHT})
class MixedInstrumentationIT {
  private static final String SERVICE = "it-mixed";
  private static final Duration ARRIVAL = Duration.ofSeconds(20);

  @AfterEach
  void resetGlobals() {
    Sentry.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void rawOpenTelemetryAndFacadeSpansNestBothWaysAndErrorsCarryTheirIds(ZipkinPeer zipkin, SpotlightPeer spotlight) {
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    // The application's own use of Sentry's static API, next to obskit.
    Sentry.init(options -> {
      options.setDsn(spotlight.dsn());
      options.setEnvironment("it");
    });
    Observability obs = ItSdk.service(SERVICE).tracesToZipkin(zipkin.endpoint()).errorsToSentry(spotlight.dsn())
        .registerGlobalOpenTelemetry().build();
    String traceId;
    String rawRootId;
    String facadeId;
    String rawChildId;
    try {
      Tracer library = GlobalOpenTelemetry.getTracer("it.library");
      io.opentelemetry.api.trace.Span rawRoot = library.spanBuilder("http get").startSpan();
      try (Scope ignored = rawRoot.makeCurrent()) {
        traceId = rawRoot.getSpanContext().getTraceId();
        rawRootId = rawRoot.getSpanContext().getSpanId();
        assertThat(obs.currentSpan().context().spanId()).as("the facade sees the raw span as current").isEqualTo(rawRootId);
        try (Span facade = obs.startSpan("facade.work")) {
          facadeId = facade.context().spanId();
          Sentry.captureException(new IllegalStateException("static capture " + run));
          io.opentelemetry.api.trace.Span rawChild = library.spanBuilder("db query").startSpan();
          try (Scope alsoIgnored = rawChild.makeCurrent()) {
            rawChildId = rawChild.getSpanContext().getSpanId();
            obs.captureError(new IllegalStateException("facade capture " + run), Map.of("table", "questions"));
          } finally {
            rawChild.end();
          }
        }
      } finally {
        rawRoot.end();
      }
      assertThat(obs.flush(Duration.ofSeconds(15))).isTrue();
      Sentry.flush(10_000);
    } finally {
      obs.close(Duration.ofSeconds(10));
    }

    List<ObservedSpan> spans = ZipkinSpans.parse(zipkin.awaitTrace(traceId, 3, ARRIVAL));
    Map<String, ObservedSpan> byId = spans.stream().collect(Collectors.toMap(ObservedSpan::spanId, Function.identity()));
    assertThat(spans).as("one trace: %s", spans).hasSize(3);
    assertThat(byId.get(rawRootId).isRoot()).isTrue();
    assertThat(byId.get(facadeId).parentId()).as("facade span under the raw span").isEqualTo(rawRootId);
    assertThat(byId.get(rawChildId).parentId()).as("raw span under the facade span").isEqualTo(facadeId);
    assertThat(spans).extracting(ObservedSpan::serviceName).containsOnly(SERVICE);

    JsonNode facadeError = event(spotlight, "facade capture " + run);
    assertThat(facadeError.path("contexts").path("trace").path("trace_id").asText()).isEqualTo(traceId);
    assertThat(facadeError.path("contexts").path("trace").path("span_id").asText())
        .as("error captured through the facade inside a raw OTel span").isEqualTo(rawChildId);

    JsonNode staticError = event(spotlight, "static capture " + run);
    assertThat(staticError.path("contexts").path("trace").path("trace_id").asText())
        .as("error captured through Sentry's static API inside a facade span").isEqualTo(traceId);
    assertThat(staticError.path("contexts").path("trace").path("span_id").asText()).isEqualTo(facadeId);
  }

  private static JsonNode event(SpotlightPeer spotlight, String message) {
    return SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(message)
        && SentryEnvelope.parse(e.json()).has("event"), ARRIVAL).json()).first("event").orElseThrow();
  }
}
