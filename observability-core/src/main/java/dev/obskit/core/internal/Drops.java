package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import java.util.function.Supplier;

/**
 * Counts and reports run-time drops: every rejected input increments {@code dropped.<reason>}
 * and logs a rate-limited warning. Also the home of the input checks shared by all signals.
 */
public final class Drops {
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
  /** The full key of {@link #AFTER_CLOSE}, counted by every call after close (no concatenation per call). */
  public static final String AFTER_CLOSE_KEY = "dropped." + AFTER_CLOSE;
  private static final String CAPTURE_FAILURE_KEY = "dropped." + CAPTURE_FAILURE;

  /** Interned self-metric keys, so that a stream of bad input does not also churn strings. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final SelfMetrics metrics;
  private final RateLimitedLogger warnings;
  private final SdkSettings.Limits limits;

  public Drops(SelfMetrics metrics, RateLimitedLogger warnings, SdkSettings.Limits limits) {
    this.metrics = metrics;
    this.warnings = warnings;
    this.limits = limits;
  }

  /** The self-metrics, for guards that count without warning (hot paths). */
  public SelfMetrics metrics() {
    return metrics;
  }

  /** The rate-limited warnings shared by every guard, so one interval applies SDK-wide. */
  public RateLimitedLogger warnings() {
    return warnings;
  }

  /** The configured run-time limits. */
  public SdkSettings.Limits limits() {
    return limits;
  }

  /** Counts one drop under {@code dropped.<reason>} and warns at a limited rate. */
  public void drop(String reason, Supplier<String> why) {
    String key = KEYS.computeIfAbsent(reason, r -> "dropped." + r);
    metrics.increment(key);
    warnings.warn(key, () -> "obskit dropped input (" + reason + "): " + why.get());
  }

  /** Counts {@code count} drops under {@code dropped.<reason>} and warns at a limited rate. */
  public void drop(String reason, long count, Supplier<String> why) {
    String key = KEYS.computeIfAbsent(reason, r -> "dropped." + r);
    metrics.add(key, count);
    warnings.warn(key, () -> "obskit dropped input (" + reason + "): " + why.get());
  }

  /**
   * Counts a call dropped because preparing its caller-supplied input threw, and warns at a
   * limited rate: the input is the application's, but the exception must not reach it.
   */
  public void captureFailed(String call, Throwable error) {
    Fatal.rethrowIfFatal(error);
    metrics.increment(CAPTURE_FAILURE_KEY);
    warnings.warn(CAPTURE_FAILURE_KEY, () -> "obskit dropped a " + call + " call: reading its input threw (a map"
        + " modified while being read, or a key or value whose toString throws)", error);
  }

  /** Whether {@code name} is usable as a metric, span, event or attribute name. */
  public boolean validName(String name) {
    return name != null && !name.isEmpty() && name.length() <= limits.maxNameLength() && !name.isBlank();
  }

  /**
   * Whether {@code name} is a metric name every backend accepts: OpenTelemetry's instrument name
   * syntax, the strictest of them (an ASCII letter, then up to 254 ASCII letters, digits and
   * {@code _ . - /}), within {@code limits.max_name_length}. OpenTelemetry ignores any other name
   * without telling the caller; checking here turns that into a counted drop.
   */
  public boolean validMetricName(String name) {
    if (name == null || name.isEmpty() || name.length() > Math.min(255, limits.maxNameLength())) {
      return false;
    }
    char first = name.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
          || c == '/')) {
        return false;
      }
    }
    return true;
  }

  /** The rule of {@link #validMetricName}, for messages. */
  public String metricNameRule() {
    return "an ASCII letter followed by ASCII letters, digits, '_', '.', '-' or '/', at most "
        + Math.min(255, limits.maxNameLength()) + " characters (OpenTelemetry's instrument name syntax)";
  }

  /** Checks a name; on failure counts an {@code invalid_name} drop for {@code what}. */
  public boolean checkName(String name, String what) {
    if (validName(name)) {
      return true;
    }
    drop(INVALID_NAME, () -> what + " name " + describe(name) + " is null, blank or longer than "
        + limits.maxNameLength() + " characters");
    return false;
  }

  /**
   * Whether a double attribute value is finite; on failure counts a {@code non_finite_value} drop
   * (JSON backends cannot carry NaN or infinities: Sentry would lose the whole transaction).
   */
  public boolean checkFinite(double value, String what, String key) {
    if (Double.isFinite(value)) {
      return true;
    }
    drop(NON_FINITE_VALUE, () -> what + " '" + key + "' is " + value + "; left out");
    return false;
  }

  /** Whether a string value fits; on failure counts an {@code oversize_string} drop. */
  public boolean checkString(String value, String where) {
    if (value == null || value.length() <= limits.maxStringLength()) {
      return true;
    }
    drop(OVERSIZE_STRING, () -> where + " is " + value.length() + " characters long, over limits.max_string_length="
        + limits.maxStringLength());
    return false;
  }

  /**
   * {@link #checkString(String, String)} for {@code <what> '<key>'}, the description built only
   * when the value is dropped (the check runs on every span attribute).
   */
  public boolean checkString(String value, String what, String key) {
    if (value == null || value.length() <= limits.maxStringLength()) {
      return true;
    }
    return checkString(value, what + " '" + key + "'");
  }

  static String describe(String name) {
    if (name == null) {
      return "null";
    }
    return name.length() > 40 ? "'" + name.substring(0, 40) + "...' (" + name.length() + " chars)" : "'" + name + "'";
  }
}
