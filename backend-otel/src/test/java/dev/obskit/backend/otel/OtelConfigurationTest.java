package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedSpan;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code otel:} section: validation, secrets, environment overrides, protocols, the global. */
class OtelConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The OTel API has no way to unset the global except this test hook (see docs/otel.md). */
  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void defaultsAreValidAndDescribed() {
    try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(), Map.of(),
        EnumSet.of(Signal.TRACES, Signal.METRICS), true)) {
      assertThat(created.backend().describe())
          .containsEntry("traces.exporter", "otlp (http/protobuf http://localhost:4318/v1/traces)")
          .containsEntry("metrics.exporter", "otlp (http/protobuf http://localhost:4318/v1/metrics, every PT1M)")
          .containsEntry("register_global", "false");
    }
  }

  @Test
  void everyBadValueIsReportedAtOnceWithItsPath() {
    Map<String, Object> section = Map.of(
        "traces", Map.of("exporter", "jaeger", "sampler_ratio", 2),
        "metrics", Map.of("export_interval", "soon"),
        "otlp", Map.of("endpoint", "localhost:4318", "protocol", "thrift"));
    assertThatThrownBy(() -> BackendHarness.create(new OtelBackendProvider(), section,
        EnumSet.of(Signal.TRACES, Signal.METRICS), true))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSizeGreaterThanOrEqualTo(5))
        .hasMessageContaining("otel.traces.exporter")
        .hasMessageContaining("otel.traces.sampler_ratio")
        .hasMessageContaining("otel.metrics.export_interval")
        .hasMessageContaining("otel.otlp.endpoint")
        .hasMessageContaining("otel.otlp.protocol");
  }

  @Test
  void headerValuesAreSecretsAndNeverDescribed() {
    Map<String, Object> section = Map.of("traces", Map.of("exporter", "none"),
        "otlp", Map.of("headers", Map.of("x-api-key", "s3cret-value")));
    try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(), section,
        EnumSet.of(Signal.TRACES), true)) {
      assertThat(created.backend().describe()).containsEntry("otlp.headers", "{x-api-key=****}");
      assertThat(created.backend().describe().values()).noneMatch(v -> v.contains("s3cret"));
    }
  }

  @Test
  void headersAreSentToTheCollector() {
    try (OtlpHttpReceiver collector = OtlpHttpReceiver.start()) {
      Observability obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
          .provider(new OtelBackendProvider())
          .route(Signal.TRACES, "otel").route(Signal.METRICS).route(Signal.ERRORS).route(Signal.EVENTS)
          .set("otel.otlp.endpoint", collector.endpoint())
          .configYaml("otel:\n  otlp:\n    headers:\n      x-api-key: s3cret-value\n")
          .build();
      obs.startSpan("with_headers").close();
      assertThat(obs.close(WAIT)).isTrue();
      assertThat(collector.awaitSpan("with_headers", WAIT).name()).isEqualTo("with_headers");
      assertThat(collector.lastHeaders().get("x-api-key")).isEqualTo("s3cret-value");
    }
  }

  @Test
  void environmentVariablesOverrideTheFile() {
    try (OtlpHttpReceiver collector = OtlpHttpReceiver.start()) {
      Observability obs = ObservabilitySdk.builder().serviceName("svc")
          .provider(new OtelBackendProvider())
          .configYaml("routing:\n  traces: otel\n  metrics: none\n  errors: none\n  events: none\n"
              + "otel:\n  otlp:\n    endpoint: http://127.0.0.1:1\n    compression: gzip\n")
          .environmentVariables(Map.of("OBS_OTEL_OTLP_ENDPOINT", collector.endpoint(),
              "OBS_OTEL_OTLP_COMPRESSION", "none"))
          .build();
      obs.startSpan("via_env").close();
      assertThat(obs.close(WAIT)).isTrue();
      assertThat(collector.awaitSpan("via_env", WAIT).resource()).containsEntry("service.name", "svc");
    }
  }

  @Test
  void grpcProtocolUsesTheGrpcExporterAndKeepsTheDeadlineWhenRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, Object> section = Map.of("otlp", Map.of("protocol", "grpc", "endpoint", "http://127.0.0.1:" + port,
        "retry", false));
    try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(), section,
        EnumSet.of(Signal.TRACES, Signal.METRICS), true)) {
      assertThat(created.backend().describe().get("traces.exporter")).isEqualTo("otlp (grpc http://127.0.0.1:" + port + ")");
      assertThat(created.backend().toString()).contains("grpc");
      var handle = created.backend().sinks().traces().orElseThrow().start(dev.obskit.api.spi.SpanStart.builder("grpc_span")
          .startEpochNanos(System.currentTimeMillis() * 1_000_000L).build());
      handle.end(System.currentTimeMillis() * 1_000_000L);
      // flush means "export attempted within the deadline"; the refused export is counted.
      created.backend().flush(Duration.ofSeconds(5));
      assertThat(created.selfMetrics().get("otel.spans_dropped.export_failed")).isEqualTo(1);
    }
  }

  @Test
  void registerGlobalLetsRawGlobalOpenTelemetryCodeNestUnderFacadeSpans() {
    try (OtlpHttpReceiver collector = OtlpHttpReceiver.start()) {
      Observability obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
          .provider(new OtelBackendProvider())
          .route(Signal.TRACES, "otel").route(Signal.METRICS).route(Signal.ERRORS).route(Signal.EVENTS)
          .set("otel.otlp.endpoint", collector.endpoint())
          .set("otel.register_global", true)
          .build();
      SpanContext facade;
      try (Span span = obs.startSpan("facade")) {
        facade = span.context();
        GlobalOpenTelemetry.getTracer("legacy-code").spanBuilder("global_raw").startSpan().end();
      }
      // A second SDK asking for the global only warns: the first registration stays.
      Observability second = ObservabilitySdk.builder().serviceName("svc2").environmentVariables(Map.of())
          .provider(new OtelBackendProvider())
          .route(Signal.TRACES, "otel").route(Signal.METRICS).route(Signal.ERRORS).route(Signal.EVENTS)
          .set("otel.traces.exporter", "none")
          .set("otel.register_global", true)
          .build();
      second.close(WAIT);
      assertThat(obs.close(WAIT)).isTrue();

      ReceivedSpan raw = collector.awaitSpan("global_raw", WAIT);
      assertThat(raw.parentSpanId()).isEqualTo(facade.spanId());
      assertThat(raw.resource()).containsEntry("service.name", "svc");
    }
  }

  @Test
  void afterCloseTheGlobalStaysRegisteredAndRecordsNothing() {
    Observability obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
        .provider(new OtelBackendProvider())
        .route(Signal.TRACES, "otel").route(Signal.METRICS).route(Signal.ERRORS).route(Signal.EVENTS)
        .set("otel.traces.exporter", "none")
        .set("otel.register_global", true)
        .build();
    io.opentelemetry.api.trace.Span before = GlobalOpenTelemetry.getTracer("legacy-code").spanBuilder("before").startSpan();
    assertThat(before.isRecording()).isTrue();
    before.end();

    assertThat(obs.close(WAIT)).isTrue();

    // No public API unsets the global: it still holds the shut-down SDK, whose tracer hands out
    // spans that record nothing.
    assertThat(GlobalOpenTelemetry.isSet()).isTrue();
    io.opentelemetry.api.trace.Span after = GlobalOpenTelemetry.getTracer("legacy-code").spanBuilder("after").startSpan();
    assertThat(after.isRecording()).isFalse();
    assertThat(after.getSpanContext().isValid()).isFalse();
    after.end();
  }
}
