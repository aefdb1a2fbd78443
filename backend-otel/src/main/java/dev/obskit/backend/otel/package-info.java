/**
 * The OpenTelemetry backend: metrics, traces and span events on the OpenTelemetry SDK, exported
 * over OTLP, to Prometheus or to the log. Its only public type is the {@link
 * java.util.ServiceLoader} provider, found by the core when routing names {@code otel}; settings
 * live under {@code otel:}.
 */
package dev.obskit.backend.otel;
