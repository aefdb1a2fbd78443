package dev.obskit.backend.otel.internal;

/** The keys this backend counts in the SDK's self-metrics (documented in docs/otel.md). */
final class SelfMetricKeys {
  /** Export calls (spans, metrics or log records) that failed or timed out. */
  static final String EXPORT_FAILURES = "otel.export_failures";
  /** Spans lost for any reason below. */
  static final String SPANS_DROPPED = "otel.spans_dropped";
  /** Spans refused because the export queue was full. */
  static final String SPANS_DROPPED_QUEUE_FULL = "otel.spans_dropped.queue_full";
  /** Spans in an export that failed. */
  static final String SPANS_DROPPED_EXPORT_FAILED = "otel.spans_dropped.export_failed";
  /** Spans still queued when close ran out of time. */
  static final String SPANS_DROPPED_AT_CLOSE = "otel.spans_dropped.close_deadline";
  /** Log records lost for any reason below. */
  static final String LOGS_DROPPED = "otel.logs_dropped";
  /** Log records refused because the export queue was full. */
  static final String LOGS_DROPPED_QUEUE_FULL = "otel.logs_dropped.queue_full";
  /** Log records in an export that failed. */
  static final String LOGS_DROPPED_EXPORT_FAILED = "otel.logs_dropped.export_failed";
  /** Log records still queued when close ran out of time. */
  static final String LOGS_DROPPED_AT_CLOSE = "otel.logs_dropped.close_deadline";
  /** Metric streams (one per instrument) in an export that failed. */
  static final String METRICS_DROPPED = "otel.metrics_dropped";
  /** Callback-gauge collections skipped because the callback gave NaN (or threw). */
  static final String GAUGE_CALLBACK_SKIPPED = "otel.gauge_callback_skipped";

  private SelfMetricKeys() {}
}
