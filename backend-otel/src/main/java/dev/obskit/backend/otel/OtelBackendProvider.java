package dev.obskit.backend.otel;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.backend.otel.internal.OtelBackend;

/**
 * The {@code otel} backend: metrics and traces on the OpenTelemetry SDK, exported over OTLP
 * (http/protobuf or grpc), to Prometheus (pull), Zipkin or a log. Configured by the {@code otel:}
 * section (see {@code docs/otel.md}); registered for {@link java.util.ServiceLoader}.
 *
 * <p>As the primary trace backend it makes the OpenTelemetry {@code Context} the truth for "the
 * current span", so facade spans and spans of other OpenTelemetry instrumentation nest both ways.
 */
public final class OtelBackendProvider implements BackendProvider {
  /** The name routing uses. */
  public static final String NAME = "otel";

  /** For {@link java.util.ServiceLoader}. */
  public OtelBackendProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Backend create(BackendContext context) {
    return OtelBackend.create(context);
  }
}
