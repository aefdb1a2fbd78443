package dev.obskit.benchmarks.support;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the facade the way an application does ({@link ObservabilitySdk#builder()}, backends
 * found by ServiceLoader), with every signal not under test routed to {@code none}.
 */
public final class Facade {
  private Facade() {}

  /** A builder with every signal routed to {@code none}. */
  public static ObservabilitySdk.Builder allNone() {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().serviceName(Fixtures.SERVICE).environment("bench")
        .environmentVariables(Map.of());
    for (Signal s : Signal.values()) {
      b.route(s, "none");
    }
    return b;
  }

  /**
   * Metrics on the OpenTelemetry backend. Its {@code none} exporter registers no metric reader,
   * and an OpenTelemetry meter provider without a reader hands out no-op instruments, so the
   * {@code logging} exporter is used with an export interval (2 h) that never elapses during a
   * run: the instruments really aggregate, nothing is exported while measuring.
   */
  public static ObservabilitySdk.Builder otelMetrics() {
    return allNone().route(Signal.METRICS, "otel")
        .set("otel.metrics.exporter", "logging")
        .set("otel.metrics.export_interval", "2h");
  }

  /** Traces on the OpenTelemetry backend with no span exporter (its own processor stays). */
  public static ObservabilitySdk.Builder otelTraces() {
    return allNone().route(Signal.TRACES, "otel").set("otel.traces.exporter", "none");
  }

  /** Adds the Sentry backend's DSN pointing at {@code server}. */
  public static ObservabilitySdk.Builder withSentry(ObservabilitySdk.Builder b, LocalSentryServer server) {
    return b.set("sentry.dsn", server.dsn());
  }

  /**
   * Closes {@code obs} and fails if the SDK dropped anything itself or a sink threw: then the
   * benchmark would have measured a drop path rather than the recording. Drops inside a backend
   * (Sentry's transport queue overflowing, {@code sentry.dropped.*}) happen on the raw side too
   * and are allowed.
   */
  public static void closeAndCheck(Observability obs, String what) {
    Map<String, Long> self = obs.selfMetrics().snapshot();
    obs.close(Duration.ofSeconds(5));
    Map<String, Long> bad = self.entrySet().stream()
        .filter(e -> e.getKey().startsWith("dropped.") || e.getKey().startsWith("sink_failures."))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!bad.isEmpty()) {
      throw new IllegalStateException("the facade dropped or failed during " + what + ": " + bad);
    }
  }
}
