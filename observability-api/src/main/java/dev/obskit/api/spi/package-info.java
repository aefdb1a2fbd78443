/**
 * The service-provider interface: the ports a backend implements and the context the core hands
 * it. A backend ships a {@link dev.obskit.api.spi.BackendProvider} registered in {@code
 * META-INF/services/dev.obskit.api.spi.BackendProvider}; the core creates only the backends that
 * routing names and calls their sinks through failure-isolating fan-outs.
 *
 * <p>Contract for every sink method: thread-safe, returns promptly, never blocks on I/O. A sink
 * should not throw, but the core survives and counts it if one does.
 */
package dev.obskit.api.spi;
