/**
 * The Sentry backend: errors, breadcrumbs and transactions on a private Sentry client (the static
 * {@code Sentry} hub stays the application's). Its only public type is the {@link
 * java.util.ServiceLoader} provider, found by the core when routing names {@code sentry}; settings
 * live under {@code sentry:}.
 */
package dev.obskit.backend.sentry;
