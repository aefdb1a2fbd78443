package dev.obskit.backend.otel;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.backend.otel.internal.OtelBackend;

/** The real provider, remembering the backend it created (to reach its OpenTelemetry SDK). */
final class CapturingOtelProvider implements BackendProvider {
  private final OtelBackendProvider delegate = new OtelBackendProvider();
  private volatile OtelBackend backend;

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Backend create(BackendContext context) {
    OtelBackend created = (OtelBackend) delegate.create(context);
    backend = created;
    return created;
  }

  OtelBackend backend() {
    return backend;
  }
}
