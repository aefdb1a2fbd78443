package dev.obskit.adversarial;

import dev.obskit.api.Observability;
import dev.obskit.api.SelfMetrics;
import dev.obskit.core.ObservabilitySdk;
import java.util.Map;

/** SDK instances wired to real backends and local endpoints, the way an application wires them. */
final class Sdks {
  private Sdks() {}

  /** Errors and events to Sentry at {@code dsn}; traces to OpenTelemetry (not exported) mirrored into Sentry. */
  static ObservabilitySdk.Builder sentryAndOtel(String dsn) {
    return ObservabilitySdk.builder().serviceName("adversarial").environmentVariables(Map.of())
        .configYaml("routing: {errors: sentry, events: [sentry, otel], traces: both, metrics: otel, logs: [sentry, otel]}\n"
            + "otel: {traces: {exporter: none}, metrics: {exporter: none}, logs: {exporter: none}}\n")
        .set("sentry.dsn", dsn);
  }

  static Observability start(String dsn) {
    return sentryAndOtel(dsn).build();
  }

  /** The sum of every self-metric whose key starts with {@code prefix}. */
  static long sum(SelfMetrics metrics, String prefix) {
    return metrics.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue).sum();
  }
}
