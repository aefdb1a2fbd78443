package dev.obskit.api;

/**
 * Severity of a log record, the six levels SLF4J, Logback, Log4j2, OpenTelemetry and Sentry Logs
 * all share, ordered from least to most severe. Separate from {@link Level} (the severity of a
 * captured error), which has no TRACE.
 */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL;

  /** Whether this level is at least as severe as {@code threshold}. */
  public boolean isAtLeast(LogLevel threshold) {
    return compareTo(threshold) >= 0;
  }
}
