package dev.obskit.api.spi;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import java.util.Collection;
import java.util.Set;

/** What the core gives a backend when creating it. */
public interface BackendContext {
  /** The service name ({@code service.name}); never blank. */
  String serviceName();

  /** The service version, or empty. */
  String serviceVersion();

  /** The deployment environment ({@code production}, ...), or empty. */
  String environment();

  /** This backend's configuration section (for example the {@code sentry:} block). */
  BackendConfig config();

  /** The signals routing sends to this backend. */
  Set<Signal> signals();

  /**
   * Whether this backend is the primary trace backend (first in {@code routing.traces}): it
   * assigns span ids and owns "the current span". Mirrors receive spans whose ids are already
   * assigned.
   */
  boolean isPrimaryTraceBackend();

  /** The SDK's self-metrics; count drops here under {@code <backend>.<reason>} keys. */
  SelfMetrics selfMetrics();

  /** A logger for diagnostics; the core rate-limits nothing here, so do not log per call. */
  System.Logger logger();

  /**
   * Logs a warning about a run-time loss at most once per {@code limits.warning_interval} for
   * {@code key} (for example {@code sentry.dropped.queue_overflow}): the SDK's promise that every
   * drop is warned about, without a log line per dropped item. Say what was lost and which setting
   * would have prevented it. The default logs every call; the SDK's context rate-limits.
   */
  default void warnRateLimited(String key, java.util.function.Supplier<String> message) {
    logger().log(System.Logger.Level.WARNING, message.get());
  }

  /** The configured secret scrubber (for contexts, tags, breadcrumbs before they leave). */
  Scrubber scrubber();

  /**
   * The configured scrubber, also treating {@code extraKeys} as secret (a backend's own setting,
   * such as {@code sentry.scrub_keys}), matched by the same rule as the configured keys.
   */
  Scrubber scrubber(Collection<String> extraKeys);

  /**
   * The span current on the calling thread as the SDK sees it (facade span or the primary
   * backend's current span), or {@link SpanContext#invalid()}. Lets a backend correlate data it
   * receives outside the facade (for example errors from a logging appender).
   */
  SpanContext currentSpanContext();
}
