package dev.obskit.core.internal;

/**
 * The checks of caller input shared by every signal (names, numbers, string lengths), against
 * the configured {@code limits:}. What fails a check is dropped and reported.
 */
public final class InputChecks {
  private final SdkSettings.Limits limits;
  private final DropReporter drops;

  public InputChecks(SdkSettings.Limits limits, DropReporter drops) {
    this.limits = limits;
    this.drops = drops;
  }

  /** The limits these checks enforce ({@code limits:}). */
  public SdkSettings.Limits limits() {
    return limits;
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
    drops.drop(DropReporter.INVALID_NAME, () -> what + " name " + describe(name) + " is null, blank or longer than "
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
    drops.drop(DropReporter.NON_FINITE_VALUE, () -> what + " '" + key + "' is " + value + "; left out");
    return false;
  }

  /** Whether a string value fits; on failure counts an {@code oversize_string} drop. */
  public boolean checkString(String value, String where) {
    if (value == null || value.length() <= limits.maxStringLength()) {
      return true;
    }
    drops.drop(DropReporter.OVERSIZE_STRING, () -> where + " is " + value.length()
        + " characters long, over limits.max_string_length=" + limits.maxStringLength());
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
