package dev.obskit.api.spi;

import java.time.Duration;
import java.util.Map;

/**
 * A running backend: the sinks it offers and its lifecycle.
 */
public interface Backend {
  /** The backend's name, as in routing. */
  String name();

  /**
   * The sinks of the signals this backend takes (see {@link Sinks}). Asked once, right after
   * {@link BackendProvider#create}; routing a signal the answer has no sink for is a
   * configuration error.
   */
  Sinks sinks();

  /**
   * Exports everything accepted so far, waiting at most {@code timeout}.
   *
   * @return true if done within the deadline
   */
  boolean flush(Duration timeout);

  /**
   * Flushes and releases every resource (threads, sockets), waiting at most {@code timeout}.
   * Called once.
   *
   * @return true if done within the deadline
   */
  boolean close(Duration timeout);

  /**
   * Called once, when the SDK is assembled, with the application-facing facade. A backend that
   * produces telemetry of its own (the otel backend's JVM runtime metrics) records it through
   * {@code observability}, so it reaches whichever backends routing names. Must not block.
   */
  default void onStart(dev.obskit.api.Observability observability) {}

  /**
   * The SDK object of type {@code type} behind this backend, or null: the interop handle for code
   * that must talk to the SDK itself (the otel backend answers {@code
   * io.opentelemetry.api.OpenTelemetry}, to hand to OpenTelemetry instrumentation libraries).
   */
  default <T> T unwrap(Class<T> type) {
    return null;
  }

  /**
   * Lines for the effective-configuration summary printed at init (exporter, endpoint, sample
   * rate, ...). Secrets must already be masked.
   */
  default Map<String, String> describe() {
    return Map.of();
  }
}
