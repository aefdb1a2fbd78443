package dev.obskit.api.spi;

/**
 * Creates a backend. Implementations are discovered with {@link java.util.ServiceLoader} and
 * need a public no-argument constructor; the core calls {@link #create} only when routing
 * names {@link #name()}.
 */
public interface BackendProvider {
  /** The name routing uses for this backend ({@code otel}, {@code sentry}, {@code console}). */
  String name();

  /**
   * Creates the backend. Read configuration through {@link BackendContext#config()}: invalid
   * values are reported there (all problems at once), not thrown. Throw only when the backend
   * cannot start at all.
   */
  Backend create(BackendContext context);
}
