package dev.obskit.core;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an SDK instance is doing, for health checks and "what is my configuration?" pages (the
 * Spring Boot starter's Actuator health and info entries read it): where each signal goes, which
 * backends serve and which are off and why, each backend's own settings with secrets masked, and
 * the SDK's self-metrics. A snapshot: take a new one to see later changes.
 *
 * @param serviceName {@code service.name}
 * @param serviceVersion {@code service.version}, empty when not set
 * @param environment {@code service.environment}, empty when not set
 * @param routing per signal the routed backend names, in routing order (for traces the first is
 *     the primary); empty for {@code none}
 * @param backends every backend that routing names or that was created, by name
 * @param selfMetrics the SDK's own counters ({@link Observability#selfMetrics()}), drops included
 * @param closed whether {@link Observability#close(java.time.Duration)} was called
 * @param closesAtJvmExit whether a JVM shutdown hook will close it ({@code shutdown_hook}; off
 *     when a framework closes it with its own lifecycle, as the Spring Boot starter does)
 */
public record SdkStatus(String serviceName, String serviceVersion, String environment,
    Map<Signal, List<String>> routing, Map<String, BackendStatus> backends,
    Map<String, Long> selfMetrics, boolean closed, boolean closesAtJvmExit) {

  /**
   * One backend.
   *
   * @param serving true when it was created and receives the signals routed to it
   * @param reason why it is not serving (disabled, jar absent, empty DSN, create failed); empty
   *     when serving
   * @param settings what the backend reports about itself (exporter, endpoint, ...), secrets
   *     masked
   */
  public record BackendStatus(boolean serving, String reason, Map<String, String> settings) {}

  /** The status of {@code observability} when it is this SDK; empty for any other implementation. */
  public static Optional<SdkStatus> of(Observability observability) {
    if (observability instanceof dev.obskit.core.internal.CoreObservability sdk) {
      return Optional.of(sdk.status());
    }
    return Optional.empty();
  }
}
