/**
 * Starting the SDK: {@link dev.obskit.core.ObservabilitySdk#builder()} reads the configuration,
 * finds the routed backends through {@link java.util.ServiceLoader} and returns the {@link
 * dev.obskit.api.Observability} the application uses. {@link
 * dev.obskit.core.ConfigurationException} lists every configuration problem at once. Stable API.
 */
package dev.obskit.core;
