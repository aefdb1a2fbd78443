package dev.obskit.api.spi;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
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

  /** The configured secret scrubber (for contexts, tags, breadcrumbs before they leave). */
  Scrubber scrubber();

  /**
   * The span current on the calling thread as the SDK sees it (facade span or the primary
   * backend's current span), or {@link SpanContext#invalid()}. Lets a backend correlate data it
   * receives outside the facade (for example errors from a logging appender).
   */
  SpanContext currentSpanContext();
}
