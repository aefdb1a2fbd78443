package dev.obskit.core;

import java.util.Objects;

/**
 * One configuration problem: where it is, the bad value (masked when secret), what is allowed
 * and where the value came from.
 */
public final class ConfigProblem {
  private final String path;
  private final String value;
  private final String message;
  private final String source;

  /** A problem at {@code path}. */
  public ConfigProblem(String path, String value, String message, String source) {
    this.path = Objects.requireNonNull(path, "path");
    this.value = value;
    this.message = Objects.requireNonNull(message, "message");
    this.source = source == null ? "" : source;
  }

  /** The dotted path, for example {@code sentry.traces_sample_rate}. */
  public String path() {
    return path;
  }

  /** The offending value (masked when secret), or null. */
  public String value() {
    return value;
  }

  /** What is wrong and what is allowed. */
  public String message() {
    return message;
  }

  /** Where the value came from ({@code builder}, {@code env OBS_X}, a file), or empty. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return path + (value != null ? " = '" + value + "'" : "") + ": " + message + (source.isEmpty() ? "" : " (" + source + ")");
  }
}
