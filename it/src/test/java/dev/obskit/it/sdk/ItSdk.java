package dev.obskit.it.sdk;

import dev.obskit.api.Observability;
import dev.obskit.core.ObservabilitySdk;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds real SDK instances (core + backend-otel + backend-sentry, found through ServiceLoader)
 * for the integration tests. The configuration keys of each backend live here only (see
 * docs/configuration.md, docs/otel.md, docs/sentry.md), so that the tests read as "what goes
 * where". Every signal is routed to {@code none} unless a method routes it.
 */
public final class ItSdk {
  /** The service version every IT SDK reports (Sentry release, OTel resource {@code service.version}). */
  public static final String SERVICE_VERSION = "1.2.3";

  private final String serviceName;
  private final Map<String, Object> settings = new LinkedHashMap<>();

  private ItSdk(String serviceName) {
    this.serviceName = serviceName;
    settings.put("routing.errors", "none");
    settings.put("routing.metrics", "none");
    settings.put("routing.traces", "none");
    settings.put("routing.events", "none");
    settings.put("routing.logs", "none");
    // Exporters default to OTLP on localhost: nothing may leave for a signal a test does not route.
    settings.put("otel.traces.exporter", "none");
    settings.put("otel.metrics.exporter", "none");
    settings.put("otel.logs.exporter", "none");
  }

  /** An SDK for {@code serviceName} (lowercase: Zipkin lowercases service names). */
  public static ItSdk service(String serviceName) {
    return new ItSdk(serviceName);
  }

  /** Traces to the otel backend, exported to Zipkin at {@code endpoint} ({@code .../api/v2/spans}). */
  public ItSdk tracesToZipkin(String endpoint) {
    settings.put("routing.traces", "otel");
    settings.put("otel.traces.exporter", "zipkin");
    settings.put("otel.zipkin.endpoint", endpoint);
    // Export promptly: a test waits for the spans in Zipkin.
    settings.put("otel.traces.batch.schedule_delay", "200ms");
    return this;
  }

  /** Metrics to the otel backend, served by its Prometheus exporter on 127.0.0.1:{@code port}. */
  public ItSdk metricsToPrometheus(int port) {
    settings.put("routing.metrics", "otel");
    settings.put("otel.metrics.exporter", "prometheus");
    settings.put("otel.prometheus.host", "127.0.0.1");
    settings.put("otel.prometheus.port", port);
    return this;
  }

  /** Traces and metrics to the otel backend, exported over OTLP http/protobuf to {@code endpoint}. */
  public ItSdk tracesAndMetricsToOtlp(String endpoint) {
    settings.put("routing.traces", "otel");
    settings.put("routing.metrics", "otel");
    settings.put("otel.traces.exporter", "otlp");
    settings.put("otel.metrics.exporter", "otlp");
    settings.put("otel.otlp.endpoint", endpoint);
    settings.put("otel.otlp.protocol", "http/protobuf");
    settings.put("otel.traces.batch.schedule_delay", "200ms");
    return this;
  }

  /** Logs to the otel backend, exported over OTLP http/protobuf to {@code endpoint}. */
  public ItSdk logsToOtlp(String endpoint) {
    settings.put("routing.logs", "otel");
    settings.put("otel.logs.exporter", "otlp");
    settings.put("otel.otlp.endpoint", endpoint);
    settings.put("otel.otlp.protocol", "http/protobuf");
    settings.put("otel.logs.batch.schedule_delay", "200ms");
    return this;
  }

  /** Errors to the sentry backend with {@code dsn} (a Spotlight). */
  public ItSdk errorsToSentry(String dsn) {
    settings.put("routing.errors", "sentry");
    settings.put("sentry.dsn", dsn);
    settings.put("sentry.traces_sample_rate", 1.0);
    return this;
  }

  /** Traces to the sentry backend alone (Sentry transactions; it assigns the W3C ids) at {@code dsn}. */
  public ItSdk tracesToSentry(String dsn) {
    settings.put("routing.traces", "sentry");
    settings.put("sentry.dsn", dsn);
    settings.put("sentry.traces_sample_rate", 1.0);
    return this;
  }

  /** Traces to OpenTelemetry (primary) and mirrored into Sentry with the same ids ({@code traces: both}). */
  public ItSdk tracesAlsoToSentry() {
    settings.put("routing.traces", "both");
    return this;
  }

  /**
   * Exports spans only every 30 s, so that spans are still queued when a test closes the SDK
   * (call after {@link #tracesToZipkin}).
   */
  public ItSdk slowTraceExport() {
    settings.put("otel.traces.batch.schedule_delay", "30s");
    return this;
  }

  /** Registers the otel backend's SDK as {@code GlobalOpenTelemetry}, for raw OpenTelemetry API code. */
  public ItSdk registerGlobalOpenTelemetry() {
    settings.put("otel.register_global", true);
    return this;
  }

  /** Events to these backends: one name or a comma-separated list. */
  public ItSdk events(String... backends) {
    settings.put("routing.events", backends.length == 1 ? backends[0] : java.util.List.of(backends));
    return this;
  }

  /** Builds the SDK; the process environment is ignored so that no OBS_* variable leaks in. */
  public Observability build() {
    ObservabilitySdk.Builder builder = ObservabilitySdk.builder()
        .serviceName(serviceName)
        .serviceVersion(SERVICE_VERSION)
        .environment("it")
        .environmentVariables(Map.of());
    settings.forEach(builder::set);
    return builder.build();
  }

  @Override
  public String toString() {
    return serviceName + " " + settings;
  }
}
