/**
 * The console backend: human-readable errors, metric summaries and span trees for local
 * development. Its only public type is the {@link java.util.ServiceLoader} provider, found by the
 * core when routing names {@code console}; settings live under {@code console:}.
 */
package dev.obskit.backend.console;
