package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import java.util.function.Supplier;

/**
 * Reports what the SDK loses at run time: each loss is counted in the self-metrics and warned
 * about at a limited rate (one interval SDK-wide), so the count is exact and the log stays
 * readable. Rejected input counts under {@code dropped.<reason>}.
 */
public final class DropReporter {
  public static final String INVALID_NAME = "invalid_name";
  public static final String NON_FINITE_VALUE = "non_finite_value";
  public static final String NEGATIVE_COUNTER_INCREMENT = "negative_counter_increment";
  public static final String OVERSIZE_STRING = "oversize_string";
  public static final String CARDINALITY_OVERFLOW = "cardinality_overflow";
  public static final String TYPE_CONFLICT = "type_conflict";
  public static final String AFTER_CLOSE = "after_close";
  /** Error or event data cut at the scrubber's node budget or depth limit (the rest is kept). */
  public static final String TRUNCATED_DATA = "truncated_data";
  /** A new metric name beyond {@code limits.max_metric_names}. */
  public static final String METRIC_NAME_LIMIT = "metric_name_limit";
  /** Preparing a call's input threw (a map modified concurrently, a key whose toString throws...). */
  public static final String CAPTURE_FAILURE = "capture_failure";
  /** The full key of {@link #AFTER_CLOSE}: each call after close counts it without allocating */
  public static final String AFTER_CLOSE_KEY = "dropped." + AFTER_CLOSE;
  private static final String CAPTURE_FAILURE_KEY = "dropped." + CAPTURE_FAILURE;

  private final SelfMetrics metrics;
  private final RateLimitedLogger warnings;

  public DropReporter(SelfMetrics metrics, RateLimitedLogger warnings) {
    this.metrics = metrics;
    this.warnings = warnings;
  }

  /** Counts one drop under {@code dropped.<reason>} and warns at a limited rate. */
  public void drop(String reason, Supplier<String> why) {
    drop(reason, 1, why);
  }

  /** Counts {@code count} drops under {@code dropped.<reason>} and warns at a limited rate. */
  public void drop(String reason, long count, Supplier<String> why) {
    countAndWarn("dropped." + reason, count, () -> "obskit dropped input (" + reason + "): " + why.get());
  }

  /**
   * Counts a call dropped because preparing its caller-supplied input threw, and warns at a
   * limited rate: the input is the application's, but the exception must not reach it.
   */
  public void captureFailed(String call, Throwable error) {
    countAndWarn(CAPTURE_FAILURE_KEY, () -> "obskit dropped a " + call + " call: reading its input threw (a map"
        + " modified while being read, or a key or value whose toString throws)", error);
  }

  /** Counts one loss under {@code key} without a warning (after close, a duplicate sent once). */
  public void count(String key) {
    metrics.increment(key);
  }

  /** Counts {@code count} losses under {@code key} and warns with {@code message} at a limited rate. */
  public void countAndWarn(String key, long count, Supplier<String> message) {
    metrics.add(key, count);
    warnings.warn(key, message);
  }

  /** Warns at a limited rate without counting: for a loss the caller counts under another key. */
  public void warn(String key, Supplier<String> message, Throwable cause) {
    warnings.warn(key, message, cause);
  }

  /** Counts one failure under {@code key} and warns with its cause at a limited rate; rethrows only fatal errors. */
  public void countAndWarn(String key, Supplier<String> message, Throwable cause) {
    Fatal.rethrowIfFatal(cause);
    metrics.increment(key);
    warnings.warn(key, message, cause);
  }
}
