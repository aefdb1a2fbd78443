/**
 * The API application code calls: {@link dev.obskit.api.Observability} for errors, metrics,
 * traces, events and propagation, and the value types it takes ({@link dev.obskit.api.Labels},
 * {@link dev.obskit.api.User}, {@link dev.obskit.api.ErrorEvent}, ...). This package has no
 * dependencies; {@link dev.obskit.api.Observability#noop()} works without any other jar. Stable
 * API: changes follow semantic versioning.
 */
package dev.obskit.api;
