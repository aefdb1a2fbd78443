package dev.obskit.backend.otel;

import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendCompatibilityKit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The otel backend keeps the SPI contract every backend keeps (the testkit's kit). */
class OtelBackendCompatibilityTest extends BackendCompatibilityKit {
  @Override
  protected BackendProvider provider() {
    return new OtelBackendProvider();
  }

  @Override
  protected Map<String, ?> configSection() {
    // The real SDK with no network: spans, metrics and log records are produced but not exported.
    return Map.of("traces", Map.of("exporter", "none"), "metrics", Map.of("exporter", "none"),
        "logs", Map.of("exporter", "none"));
  }

  @Override
  protected Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.METRICS, Signal.TRACES, Signal.EVENTS, Signal.LOGS);
  }
}
