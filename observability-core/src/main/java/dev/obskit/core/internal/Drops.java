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

  public SelfMetrics metrics() {
    return metrics;
  }

  public RateLimitedLogger warnings() {
    return warnings;
  }

  public SdkSettings.Limits limits() {
    return limits;
  }

  /** Counts one drop under {@code dropped.<reason>} and warns at a limited rate. */
  public void drop(String reason, Supplier<String> why) {
    String key = KEYS.computeIfAbsent(reason, r -> "dropped." + r);
    metrics.increment(key);
    warnings.warn(key, () -> "obskit dropped input (" + reason + "): " + why.get());
  }

  /** Whether {@code name} is usable as a metric, span, event or attribute name. */
  public boolean validName(String name) {
    return name != null && !name.isEmpty() && name.length() <= limits.maxNameLength() && !name.isBlank();
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

  /** Whether a string value fits; on failure counts an {@code oversize_string} drop. */
  public boolean checkString(String value, String where) {
    if (value == null || value.length() <= limits.maxStringLength()) {
      return true;
    }
    drop(OVERSIZE_STRING, () -> where + " is " + value.length() + " characters long, over limits.max_string_length="
        + limits.maxStringLength());
    return false;
  }

  static String describe(String name) {
    if (name == null) {
      return "null";
    }
    return name.length() > 40 ? "'" + name.substring(0, 40) + "...' (" + name.length() + " chars)" : "'" + name + "'";
  }
}
