package dev.obskit.api;

/** Severity of a captured error or message, ordered from least to most severe. */
public enum Level {
  DEBUG,
  INFO,
  WARNING,
  ERROR,
  FATAL
}
