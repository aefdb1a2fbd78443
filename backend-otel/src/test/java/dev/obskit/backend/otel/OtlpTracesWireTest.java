package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans started through the facade, checked as they arrive at an OTLP/HTTP receiver. */
class OtlpTracesWireTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private OtlpHttpReceiver collector;
  private CapturingOtelProvider provider;
  private Observability obs;

  @BeforeEach
  void start() {
    collector = OtlpHttpReceiver.start();
  }

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    collector.close();
  }

  private Observability sdk(Map<String, Object> settings) {
    provider = new CapturingOtelProvider();
    ObservabilitySdk.Builder builder = ObservabilitySdk.builder()
        .serviceName("question-service")
        .serviceVersion("2.0.0")
        .environment("production")
        .environmentVariables(Map.of())
        .provider(provider)
        .route(Signal.TRACES, "otel")
        .route(Signal.EVENTS, "otel")
        .route(Signal.METRICS)
        .route(Signal.ERRORS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .set("otel.metrics.exporter", "none");
    settings.forEach(builder::set);
    obs = builder.build();
    return obs;
  }

  private Observability sdk() {
    return sdk(Map.of());
  }

  private Tracer rawTracer() {
    return provider.backend().openTelemetry().getTracer("raw-instrumentation");
  }

  @Test
  void spanTreeArrivesWithTheFacadeIdsKindAttributesEventsAndStatus() {
    Observability obs = sdk();
    SpanContext linked;
    try (Span other = obs.spanBuilder("other_trace").noParent().start()) {
      linked = other.context();
    }
    SpanContext rootContext;
    SpanContext childContext;
    try (Span root = obs.spanBuilder("handle_request").kind(SpanKind.SERVER).attribute("http.method", "POST")
        .link(linked).start()) {
      rootContext = root.context();
      try (Span child = obs.startSpan("generate_question")) {
        childContext = child.context();
        child.setAttribute("difficulty", "hard").setAttribute("attempt", 2L).setAttribute("score", 0.75)
            .setAttribute("cached", true);
        child.addEvent("prompt_built", Map.of("tokens", 512L, "model", "small"));
        child.recordException(new IllegalStateException("model timed out"));
        child.setStatus(SpanStatus.ERROR, "generation failed");
      }
      obs.recordEvent("pipeline.stage_done", Map.of("stage", "dedup"));
      root.setStatus(SpanStatus.OK);
    }
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedSpan root = collector.awaitSpan("handle_request", WAIT);
    ReceivedSpan child = collector.awaitSpan("generate_question", WAIT);
    assertThat(root.traceId()).isEqualTo(rootContext.traceId());
    assertThat(root.spanId()).isEqualTo(rootContext.spanId());
    assertThat(root.isRoot()).isTrue();
    assertThat(root.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(root.attributes()).containsEntry("http.method", "POST");
    assertThat(root.links()).containsExactly(linked.traceId() + "/" + linked.spanId());
    assertThat(root.statusCode()).isEqualTo(StatusCode.STATUS_CODE_OK);
    assertThat(root.eventNames()).containsExactly("pipeline.stage_done");
    assertThat(root.eventAttributes("pipeline.stage_done")).containsEntry("stage", "dedup");

    assertThat(child.traceId()).isEqualTo(rootContext.traceId());
    assertThat(child.spanId()).isEqualTo(childContext.spanId());
    assertThat(child.parentSpanId()).isEqualTo(rootContext.spanId());
    assertThat(child.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL);
    assertThat(child.attributes()).containsEntry("difficulty", "hard").containsEntry("attempt", 2L)
        .containsEntry("score", 0.75).containsEntry("cached", true);
    assertThat(child.eventNames()).containsExactly("prompt_built", "exception");
    assertThat(child.eventAttributes("prompt_built")).containsEntry("tokens", 512L).containsEntry("model", "small");
    assertThat(child.eventAttributes("exception"))
        .containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("exception.message", "model timed out");
    assertThat((String) child.eventAttributes("exception").get("exception.stacktrace")).contains("model timed out");
    assertThat(child.statusCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(child.statusMessage()).isEqualTo("generation failed");
    assertThat(child.endEpochNanos()).isGreaterThanOrEqualTo(child.startEpochNanos());
    assertThat(child.resource()).containsEntry("service.name", "question-service")
        .containsEntry("service.version", "2.0.0").containsEntry("deployment.environment", "production");
  }

  @Test
  void remoteParentFromExtractIsTheParentOnTheWire() {
    Observability obs = sdk();
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    SpanContext remote = obs.extract(Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"), Map::get);
    try (Span span = obs.spanBuilder("consume").kind(SpanKind.CONSUMER).parent(remote).start()) {
      assertThat(span.context().traceId()).isEqualTo(traceId);
    }
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedSpan span = collector.awaitSpan("consume", WAIT);
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.parentSpanId()).isEqualTo(parentId);
    assertThat(span.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER);
  }

  @Test
  void rawOpenTelemetrySpanInsideAFacadeSpanIsItsChild() {
    Observability obs = sdk();
    SpanContext facade;
    try (Span span = obs.startSpan("facade_parent")) {
      facade = span.context();
      io.opentelemetry.api.trace.Span raw = rawTracer().spanBuilder("raw_child").startSpan();
      raw.end();
    }
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedSpan raw = collector.awaitSpan("raw_child", WAIT);
    assertThat(raw.traceId()).isEqualTo(facade.traceId());
    assertThat(raw.parentSpanId()).isEqualTo(facade.spanId());
    assertThat(raw.scope()).isEqualTo("raw-instrumentation");
  }

  @Test
  void facadeSpanInsideARawOpenTelemetrySpanIsItsChild() {
    Observability obs = sdk();
    io.opentelemetry.api.trace.Span raw = rawTracer().spanBuilder("raw_parent").startSpan();
    SpanContext facade;
    try (io.opentelemetry.context.Scope ignored = raw.makeCurrent()) {
      // The facade sees the raw span as current: errors captured here would carry its ids.
      assertThat(obs.currentSpan().context().spanId()).isEqualTo(raw.getSpanContext().getSpanId());
      try (Span span = obs.startSpan("facade_child")) {
        facade = span.context();
      }
    } finally {
      raw.end();
    }
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedSpan child = collector.awaitSpan("facade_child", WAIT);
    assertThat(child.spanId()).isEqualTo(facade.spanId());
    assertThat(child.traceId()).isEqualTo(raw.getSpanContext().getTraceId());
    assertThat(child.parentSpanId()).isEqualTo(raw.getSpanContext().getSpanId());
    assertThat(collector.awaitSpan("raw_parent", WAIT).isRoot()).isTrue();
  }

  @Test
  void detachedSpanMadeCurrentOnAnotherThreadParentsItsChildren() throws Exception {
    Observability obs = sdk();
    Span detached = obs.spanBuilder("batch").startDetached();
    Thread worker = new Thread(() -> {
      try (Scope ignored = detached.makeCurrent(); Span child = obs.startSpan("item")) {
        child.setAttribute("n", 1L);
      }
    });
    worker.start();
    worker.join(WAIT.toMillis());
    detached.end();
    assertThat(obs.flush(WAIT)).isTrue();

    assertThat(collector.awaitSpan("item", WAIT).parentSpanId()).isEqualTo(detached.context().spanId());
  }

  @Test
  void everySpanAcceptedBeforeCloseArrivesExactlyOnce() {
    Observability obs = sdk(Map.of("otel.traces.batch.max_export_batch_size", 7));
    Set<String> started = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      try (Span span = obs.startSpan("before_flush")) {
        started.add(span.context().spanId());
      }
    }
    assertThat(obs.flush(WAIT)).isTrue();
    for (int i = 0; i < 30; i++) {
      try (Span span = obs.startSpan("after_flush")) {
        started.add(span.context().spanId());
      }
    }
    assertThat(obs.close(WAIT)).isTrue();
    this.obs = null;

    List<ReceivedSpan> received = collector.spans();
    assertThat(received).hasSize(60);
    assertThat(received.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet())).isEqualTo(started);
    assertThat(collector.traceRequests()).isGreaterThanOrEqualTo(60 / 7);
  }

  @Test
  void parentBasedRatioSamplingFollowsASampledRemoteParentAndDropsUnsampledRoots() {
    Observability obs = sdk(Map.of("otel.traces.sampler_ratio", 0.0));
    SpanContext unsampledRoot;
    try (Span root = obs.startSpan("unsampled_root")) {
      unsampledRoot = root.context();
      assertThat(root.isRecording()).isFalse();
    }
    SpanContext remote = obs.extract(Map.of("traceparent",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), Map::get);
    try (Span span = obs.spanBuilder("sampled_by_parent").parent(remote).start()) {
      assertThat(span.isRecording()).isTrue();
    }
    assertThat(obs.close(WAIT)).isTrue();
    this.obs = null;

    assertThat(unsampledRoot.isValid()).isTrue();
    assertThat(unsampledRoot.isSampled()).isFalse();
    assertThat(collector.spans()).extracting(ReceivedSpan::name).containsExactly("sampled_by_parent");
  }
}
