package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * otel next to another trace backend: as a mirror it reproduces the primary's ids; as the
 * primary it hands spans of other OTel instrumentation to the mirrors ({@code traces: both}).
 * The testkit's memory backend stands in for Sentry.
 */
class OtelWithOtherTraceBackendsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private OtlpHttpReceiver collector;
  private TestTelemetry memory;
  private CapturingOtelProvider otel;
  private Observability obs;

  @BeforeEach
  void start() {
    collector = OtlpHttpReceiver.start();
    memory = new TestTelemetry();
    otel = new CapturingOtelProvider();
  }

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    collector.close();
  }

  private Observability sdk(String... traceBackends) {
    obs = ObservabilitySdk.builder()
        .serviceName("question-service")
        .environmentVariables(Map.of())
        .provider(otel)
        .provider(new MemoryBackendProvider(memory))
        .route(Signal.TRACES, traceBackends)
        .route(Signal.METRICS)
        .route(Signal.ERRORS)
        .route(Signal.EVENTS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .set("otel.metrics.exporter", "none")
        .build();
    return obs;
  }

  @Test
  void asMirrorOtelExportsThePrimarysIds() {
    Observability obs = sdk("memory", "otel");
    SpanContext root;
    SpanContext child;
    try (Span r = obs.startSpan("root")) {
      root = r.context();
      try (Span c = obs.startSpan("child")) {
        child = c.context();
        c.setStatus(SpanStatus.ERROR, "boom");
      }
    }
    assertThat(obs.flush(WAIT)).isTrue();

    RecordedSpan primaryRoot = memory.span("root").orElseThrow();
    assertThat(primaryRoot.context()).isEqualTo(root);
    ReceivedSpan wireRoot = collector.awaitSpan("root", WAIT);
    ReceivedSpan wireChild = collector.awaitSpan("child", WAIT);
    assertThat(wireRoot.traceId()).isEqualTo(root.traceId());
    assertThat(wireRoot.spanId()).isEqualTo(root.spanId());
    assertThat(wireRoot.isRoot()).isTrue();
    assertThat(wireChild.spanId()).isEqualTo(child.spanId());
    assertThat(wireChild.parentSpanId()).isEqualTo(root.spanId());
    assertThat(wireChild.statusMessage()).isEqualTo("boom");
  }

  @Test
  void asPrimaryOtelHandsSpansOfOtherInstrumentationToTheMirrors() {
    Observability obs = sdk("otel", "memory");
    Tracer raw = otel.backend().openTelemetry().getTracer("library-instrumentation");
    SpanContext facade;
    String rawSpanId;
    try (Span span = obs.startSpan("facade_parent")) {
      facade = span.context();
      io.opentelemetry.api.trace.Span library = raw.spanBuilder("library_call")
          .setAttribute("db.system", "postgresql").startSpan();
      rawSpanId = library.getSpanContext().getSpanId();
      library.setAttribute("db.rows", 3L);
      library.addEvent("retry");
      library.setStatus(StatusCode.ERROR, "deadlock");
      library.end();
    }
    assertThat(obs.flush(WAIT)).isTrue();

    // The mirror sees the library span once, with the ids it has on the wire, under the facade span.
    assertThat(memory.spans("library_call")).hasSize(1);
    RecordedSpan mirrored = memory.span("library_call").orElseThrow();
    assertThat(mirrored.ended()).isTrue();
    assertThat(mirrored.spanId()).isEqualTo(rawSpanId);
    assertThat(mirrored.traceId()).isEqualTo(facade.traceId());
    assertThat(mirrored.parentSpanId()).isEqualTo(facade.spanId());
    assertThat(mirrored.attributes()).containsEntry("db.system", "postgresql").containsEntry("db.rows", 3L);
    assertThat(mirrored.events()).extracting(e -> e.name()).containsExactly("retry");
    assertThat(mirrored.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(mirrored.statusDescription()).isEqualTo("deadlock");
    // Facade spans reach the mirror once (through the core), not a second time as "foreign".
    assertThat(memory.spans("facade_parent")).hasSize(1);

    ReceivedSpan wire = collector.awaitSpan("library_call", WAIT);
    assertThat(wire.spanId()).isEqualTo(rawSpanId);
    assertThat(wire.parentSpanId()).isEqualTo(facade.spanId());
  }
}
