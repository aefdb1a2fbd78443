/**
 * Configuration: loads YAML (file and/or inline text), substitutes {@code ${VAR}} and {@code
 * ${VAR:-default}}, applies {@code OBS_*} environment overrides and builder overrides
 * (builder &gt; env &gt; file &gt; defaults), and validates everything so that all problems are
 * reported at once.
 *
 * <p>Entry point: {@link dev.obskit.core.config.LoadedConfig#load(ConfigInputs)}. Core settings
 * are typed in {@link dev.obskit.core.config.CoreSettings}; each backend reads its own section
 * through {@link dev.obskit.core.config.SectionConfig}, the implementation of {@link
 * dev.obskit.api.spi.BackendConfig}. The key reference is {@code docs/configuration.md}.
 *
 * <p>Not application API: applications configure through the builder, YAML and the environment.
 * Backends use {@link dev.obskit.core.config.SectionConfig}; the rest may change in any release.
 */
package dev.obskit.core.config;
