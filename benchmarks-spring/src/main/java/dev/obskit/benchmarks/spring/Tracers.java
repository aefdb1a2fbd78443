package dev.obskit.benchmarks.spring;

import java.util.List;

/**
 * The three set-ups measured. Both tracers export every span (sampled 100%) over OTLP/HTTP with
 * a batch span processor (5 s delay, queue 2048, batches of 512) to the same {@link
 * DiscardingOtlpServer}; both leave Spring's {@code http.server.requests} timer to Spring Boot's
 * simple meter registry (obskit's Micrometer bridge is off), so only the tracing differs.
 */
public enum Tracers {
  /** No tracer: Spring's observation with its meter handler only. */
  NONE,
  /** The starter's ObskitObservationHandler on the facade's OpenTelemetry backend. */
  OBSKIT,
  /** Spring Boot's own tracing: Micrometer Tracing's OpenTelemetry bridge. */
  MICROMETER_TRACING_OTEL;

  /**
   * Spring Boot 4 has no switch that turns its tracing off (management.tracing.enabled is gone);
   * where it must not trace, its tracing auto-configuration is excluded.
   */
  static final String NO_SPRING_TRACING = "--spring.autoconfigure.exclude="
      + "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration,"
      + "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration,"
      + "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration";

  /** Spring properties (command-line form) for this set-up. */
  public List<String> properties(String otlpEndpoint) {
    List<String> common = List.of("--server.port=0", "--server.address=127.0.0.1",
        "--spring.main.banner-mode=off", "--logging.level.root=warn", "--obskit.micrometer-bridge=false",
        "--obskit.routing.errors=none", "--obskit.routing.metrics=none", "--obskit.routing.events=none",
        "--obskit.routing.logs=none");
    List<String> own = switch (this) {
      case NONE -> List.of("--obskit.observation-handler=false", "--obskit.routing.traces=none",
          NO_SPRING_TRACING);
      case OBSKIT -> List.of("--obskit.observation-handler=true", NO_SPRING_TRACING,
          "--obskit.routing.traces=otel", "--obskit.otel.traces.exporter=otlp",
          "--obskit.otel.otlp.endpoint=" + otlpEndpoint, "--obskit.otel.otlp.compression=none",
          "--obskit.otel.traces.batch.schedule_delay=5s", "--obskit.otel.traces.batch.max_queue_size=2048",
          "--obskit.otel.traces.batch.max_export_batch_size=512");
      case MICROMETER_TRACING_OTEL -> List.of("--obskit.observation-handler=false", "--obskit.routing.traces=none",
          "--management.tracing.sampling.probability=1.0",
          "--management.opentelemetry.tracing.export.otlp.endpoint=" + otlpEndpoint + "/v1/traces",
          "--management.opentelemetry.tracing.export.otlp.compression=none");
    };
    java.util.ArrayList<String> all = new java.util.ArrayList<>(common);
    all.addAll(own);
    return all;
  }
}
