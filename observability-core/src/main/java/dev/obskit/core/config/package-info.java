/**
 * Configuration: loads YAML (file and/or inline text), substitutes {@code ${VAR}} and {@code
 * ${VAR:-default}}, applies the platforms' {@code OTEL_*}/{@code SENTRY_*} variables, {@code
 * OBS_*} environment overrides and builder overrides (builder &gt; env &gt; file &gt; defaults),
 * and validates everything so that all problems are reported at once.
 *
 * <p>Two steps: {@link dev.obskit.core.config.ConfigInputs} merges every source into one tree that
 * knows where each value came from and collects the problems; the core reads its own keys from it
 * into its settings, and each backend reads its own section through {@link
 * dev.obskit.core.config.SectionConfig}, the implementation of {@link
 * dev.obskit.api.spi.BackendConfig}. The key reference is {@code docs/configuration.md}.
 *
 * <p>Not application API: applications configure through the builder, YAML and the environment.
 * Backends use {@link dev.obskit.core.config.SectionConfig}; the rest may change in any release.
 */
package dev.obskit.core.config;
