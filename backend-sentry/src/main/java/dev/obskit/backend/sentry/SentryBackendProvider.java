package dev.obskit.backend.sentry;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.backend.sentry.internal.SentryBackend;
import dev.obskit.backend.sentry.internal.SentrySettings;

/**
 * The {@code sentry} backend: errors (with the current span's trace and span ids), events as
 * breadcrumbs, and optionally traces as Sentry transactions, on the {@code io.sentry:sentry} SDK.
 *
 * <p>Configured by the {@code sentry:} section ({@code dsn}, {@code environment},
 * {@code traces_sample_rate}, ...; see {@code docs/sentry.md}). An empty DSN disables the backend
 * with one warning; a malformed DSN is a configuration problem naming {@code sentry.dsn}.
 *
 * <p>The backend owns a private Sentry client and scopes: it never initialises the static
 * {@code io.sentry.Sentry} hub, so an application may still use Sentry directly. Errors that the
 * application captures through that static hub while a span is current are correlated too (their
 * trace context carries the span's ids).
 */
public final class SentryBackendProvider implements BackendProvider {
  /** The routing name of this backend. */
  public static final String NAME = "sentry";

  /** Needed by {@link java.util.ServiceLoader}. */
  public SentryBackendProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Backend create(BackendContext context) {
    SentrySettings settings = SentrySettings.read(context);
    return SentryBackend.create(context, settings);
  }
}
