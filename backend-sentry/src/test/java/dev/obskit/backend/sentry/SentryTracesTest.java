package dev.obskit.backend.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Signal;
import dev.obskit.backend.otel.OtelBackendProvider;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code traces: sentry} and {@code traces: both}, asserted on the wire. */
class SentryTracesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SentryTestServer server = SentryTestServer.start();
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    server.close();
    GlobalOpenTelemetry.resetForTest();
  }

  private ObservabilitySdk.Builder builder(String... traceBackends) {
    return ObservabilitySdk.builder().serviceName("question-service").environmentVariables(Map.of())
        .provider(new SentryBackendProvider())
        .route(Signal.ERRORS, "sentry").route(Signal.EVENTS, "sentry").route(Signal.METRICS, "none")
        .route(Signal.TRACES, traceBackends)
        .set("sentry.dsn", server.dsn());
  }

  @Test
  void sentryAsPrimaryMakesATransactionWithChildSpansAndW3cIds() {
    obs = builder("sentry").build();
    SpanContext root;
    SpanContext child;
    SpanContext grandchild;
    try (Span r = obs.startSpan("generate_question")) {
      r.setAttribute("difficulty", "hard");
      root = r.context();
      try (Span c = obs.startSpan("call_llm")) {
        child = c.context();
        try (Span g = obs.startSpan("parse")) {
          grandchild = g.context();
          obs.captureError(new IllegalStateException("bad json"));
        }
        c.setStatus(SpanStatus.ERROR, "timeout");
      }
    }
    assertThat(root.traceId()).matches("[0-9a-f]{32}");
    assertThat(root.spanId()).matches("[0-9a-f]{16}");
    assertThat(child.traceId()).isEqualTo(root.traceId());

    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertThat(tx.getString("transaction")).isEqualTo("generate_question");
    assertThat(tx.traceId()).isEqualTo(root.traceId());
    assertThat(tx.spanId()).isEqualTo(root.spanId());
    assertThat(tx.parentSpanId()).isNull();
    assertThat(tx.headerTraceId()).isEqualTo(root.traceId());
    assertThat(tx.get("contexts.trace.data.difficulty")).isEqualTo("hard");
    List<Map<String, Object>> spans = SentryWire.spans(tx);
    assertThat(spans).extracting(s -> s.get("description"), s -> s.get("span_id"), s -> s.get("parent_span_id"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("call_llm", child.spanId(), root.spanId()),
            org.assertj.core.groups.Tuple.tuple("parse", grandchild.spanId(), child.spanId()));
    assertThat(spans).filteredOn(s -> "call_llm".equals(s.get("description")))
        .singleElement().satisfies(s -> assertThat(s).containsEntry("status", "internal_error"));

    ReceivedItem error = server.awaitEvent(x -> true, WAIT);
    assertThat(error.traceId()).isEqualTo(root.traceId());
    assertThat(error.spanId()).isEqualTo(grandchild.spanId());
    assertThat(error.headerTraceId()).isEqualTo(root.traceId());
  }

  @Test
  void remoteParentMakesATransactionWhoseParentIsTheRemoteSpan() {
    obs = builder("sentry").build();
    SpanContext remote = obs.extract(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        Map::get);
    assertThat(remote.isValid()).isTrue();
    String spanId;
    try (Span s = obs.spanBuilder("handle").parent(remote).start()) {
      spanId = s.context().spanId();
    }
    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertThat(tx.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(tx.parentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(tx.spanId()).isEqualTo(spanId);
  }

  @Test
  void zeroSampleRateAsPrimarySendsNoTransactionButKeepsCorrelation() {
    obs = builder("sentry").set("sentry.traces_sample_rate", 0.0).build();
    SpanContext ctx;
    try (Span s = obs.startSpan("unsampled")) {
      ctx = s.context();
      obs.captureError(new IllegalStateException("still correlated"));
    }
    ReceivedItem error = server.awaitEvent(x -> true, WAIT);
    assertThat(ctx.isSampled()).isFalse();
    assertThat(error.traceId()).isEqualTo(ctx.traceId());
    obs.flush(Duration.ofSeconds(5));
    assertThat(server.transactions()).isEmpty();
  }

  @Test
  void bothWithTheMemoryBackendAsPrimaryMirrorsTheWholeTreeWithTheSameIds() {
    TestTelemetry memory = new TestTelemetry();
    obs = builder("memory", "sentry").provider(new MemoryBackendProvider(memory)).build();
    try (Span r = obs.startSpan("root")) {
      try (Span c = obs.startSpan("child")) {
        obs.inSpan("leaf", () -> { });
      }
    }
    RecordedSpan root = memory.span("root").orElseThrow();
    RecordedSpan child = memory.span("child").orElseThrow();
    RecordedSpan leaf = memory.span("leaf").orElseThrow();
    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertTree(tx, root.traceId(), root.spanId(), child.spanId(), leaf.spanId());
  }

  @Test
  void bothWithOpenTelemetryAsPrimaryMirrorsTheWholeTreeWithTheOtelIds() {
    obs = builder("otel", "sentry").provider(new OtelBackendProvider())
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none").build();
    String traceId;
    String rootId;
    String childId;
    String leafId;
    try (Span r = obs.startSpan("root")) {
      traceId = r.context().traceId();
      rootId = r.context().spanId();
      // What OpenTelemetry itself considers current is the facade span: same ids.
      assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId()).isEqualTo(rootId);
      try (Span c = obs.startSpan("child")) {
        childId = c.context().spanId();
        try (Span l = obs.startSpan("leaf")) {
          leafId = l.context().spanId();
          assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId()).isEqualTo(leafId);
        }
      }
    }
    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertTree(tx, traceId, rootId, childId, leafId);
  }

  @Test
  void bothWithOpenTelemetryMirrorsSpansOfOtherInstrumentationAndCorrelatesTheirErrors() {
    obs = builder("otel", "sentry").provider(new OtelBackendProvider())
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none")
        .set("otel.register_global", true).build();
    Tracer library = GlobalOpenTelemetry.getTracer("some-library");
    io.opentelemetry.api.trace.Span foreign = library.spanBuilder("library-operation").startSpan();
    String facadeChild;
    try (Scope ignored = foreign.makeCurrent()) {
      obs.captureError(new IllegalStateException("inside a library span"));
      try (Span s = obs.startSpan("facade-child")) {
        facadeChild = s.context().spanId();
      }
    } finally {
      foreign.end();
    }
    String traceId = foreign.getSpanContext().getTraceId();
    String spanId = foreign.getSpanContext().getSpanId();

    ReceivedItem error = server.awaitEvent(x -> true, WAIT);
    assertThat(error.traceId()).isEqualTo(traceId);
    assertThat(error.spanId()).isEqualTo(spanId);
    assertThat(error.headerTraceId()).isEqualTo(traceId);

    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertThat(tx.getString("transaction")).isEqualTo("library-operation");
    assertThat(tx.traceId()).isEqualTo(traceId);
    assertThat(tx.spanId()).isEqualTo(spanId);
    assertThat(SentryWire.spans(tx)).singleElement().satisfies(s -> assertThat(s)
        .containsEntry("span_id", facadeChild).containsEntry("parent_span_id", spanId));
  }

  @Test
  void unsampledSpansOfThePrimaryAreNotMirrored() {
    TestTelemetry memory = new TestTelemetry();
    obs = builder("memory", "sentry").provider(new MemoryBackendProvider(memory)).build();
    SpanContext remote = obs.extract(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"),
        Map::get);
    try (Span s = obs.spanBuilder("not-sampled").parent(remote).start()) {
      assertThat(s.context().isSampled()).isFalse();
    }
    try (Span s = obs.startSpan("sampled")) {
      assertThat(s.context().isSampled()).isTrue();
    }
    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertThat(tx.getString("transaction")).isEqualTo("sampled");
    obs.flush(Duration.ofSeconds(5));
    assertThat(server.transactions()).hasSize(1);
  }

  private static void assertTree(ReceivedItem tx, String traceId, String rootId, String childId, String leafId) {
    assertThat(tx.getString("transaction")).isEqualTo("root");
    assertThat(tx.traceId()).isEqualTo(traceId);
    assertThat(tx.spanId()).isEqualTo(rootId);
    assertThat(tx.headerTraceId()).isEqualTo(traceId);
    assertThat(SentryWire.spans(tx))
        .extracting(s -> s.get("description"), s -> s.get("trace_id"), s -> s.get("span_id"), s -> s.get("parent_span_id"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("child", traceId, childId, rootId),
            org.assertj.core.groups.Tuple.tuple("leaf", traceId, leafId, childId));
  }
}
