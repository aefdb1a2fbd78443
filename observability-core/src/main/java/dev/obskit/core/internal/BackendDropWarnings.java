package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import java.util.Map;

/**
 * The self-metrics a backend counts into, warning (once per {@code limits.warning_interval} and
 * key) about every loss it counts: the README promises a warning for every drop, and a backend's
 * counters alone would be silent. The warning names the setting that would have prevented the
 * loss where one exists. Backends that warn themselves with advice of their own (the Sentry
 * backend's {@code sentry.errors.*} / {@code sentry.transactions.*} figures) are left to do so.
 */
final class BackendDropWarnings implements SelfMetrics {
  /** What to change, for the loss counters of the bundled backends. */
  private static final Map<String, String> ADVICE = Map.ofEntries(
      Map.entry("otel.spans_dropped.queue_full", "the span export queue was full; raise"
          + " otel.traces.batch.max_queue_size or lower otel.traces.sampler_ratio"),
      Map.entry("otel.spans_dropped.export_failed", "the exporter failed; check otel.otlp.endpoint (or the zipkin"
          + " endpoint) and the collector"),
      Map.entry("otel.spans_dropped.close_deadline", "still queued when the close deadline ended; give"
          + " close(Duration) or shutdown_timeout more time"),
      Map.entry("otel.logs_dropped.queue_full", "the log export queue was full; lower logs.max_per_second or"
          + " raise the log batch queue"),
      Map.entry("otel.logs_dropped.export_failed", "the exporter failed; check otel.otlp.endpoint and the collector"),
      Map.entry("otel.logs_dropped.close_deadline", "still queued when the close deadline ended; give"
          + " close(Duration) or shutdown_timeout more time"),
      Map.entry("otel.export_failures", "an export failed; check the exporter endpoint and the collector"),
      Map.entry("otel.events_dropped.no_span", "an event with no current span has nowhere to go in OpenTelemetry;"
          + " record it inside a span or route events elsewhere"),
      Map.entry("otel.dropped.open_foreign_span_limit", "10 000 spans of other instrumentation were open and never"
          + " ended; the oldest was forgotten (a library that does not end its spans)"),
      Map.entry("sentry.dropped.open_span_limit", "10 000 spans were open and never ended; the oldest was forgotten"),
      Map.entry("console.dropped_spans", "raise console.max_spans_per_trace or console.max_open_traces"),
      Map.entry("console.dropped_series", "the console summary keeps a bounded number of series"),
      Map.entry("console.write_failures", "the console stream failed; check console.output"));

  private final SelfMetrics delegate;
  private final RateLimitedLogger warnings;
  private final String backend;

  BackendDropWarnings(SelfMetrics delegate, RateLimitedLogger warnings, String backend) {
    this.delegate = delegate;
    this.warnings = warnings;
    this.backend = backend;
  }

  /** Whether {@code key} counts a loss this class warns about. */
  static boolean isLoss(String key) {
    if (key.startsWith("sentry.errors.") || key.startsWith("sentry.transactions.")
        || key.startsWith("sentry.dropped.") && !key.equals("sentry.dropped.open_span_limit")) {
      return false; // warned by the Sentry backend itself, with the reason's own advice
    }
    return key.contains("dropped") || key.contains("failures");
  }

  @Override
  public void add(String key, long amount) {
    delegate.add(key, amount);
    if (amount > 0 && isLoss(key)) {
      warnings.warn(key, () -> "obskit backend '" + backend + "' lost " + amount + " item(s), counted under " + key
          + ": " + ADVICE.getOrDefault(key, "see the " + backend + " backend's documentation"));
    }
  }

  @Override
  public long get(String key) {
    return delegate.get(key);
  }

  @Override
  public Map<String, Long> snapshot() {
    return delegate.snapshot();
  }
}
