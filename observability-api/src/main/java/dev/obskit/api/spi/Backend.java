package dev.obskit.api.spi;

import java.time.Duration;
import java.util.Map;

/**
 * A running backend: the sinks it offers and its lifecycle. A sink getter returns null when the
 * backend does not handle that signal; routing a signal to such a backend is a configuration
 * error.
 */
public interface Backend {
  /** The backend's name, as in routing. */
  String name();

  /** The error sink, or null if this backend does not take errors. */
  default ErrorSink errorSink() {
    return null;
  }

  /** The metric sink, or null if this backend does not take metrics. */
  default MetricSink metricSink() {
    return null;
  }

  /** The span sink, or null if this backend does not take traces. */
  default SpanSink spanSink() {
    return null;
  }

  /** The event sink, or null if this backend does not take events. */
  default EventSink eventSink() {
    return null;
  }

  /** The log sink, or null if this backend does not take logs. */
  default LogSink logSink() {
    return null;
  }

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
