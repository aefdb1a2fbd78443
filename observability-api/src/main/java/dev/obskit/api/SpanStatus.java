package dev.obskit.api;

/** The outcome of a span, as in OpenTelemetry. */
public enum SpanStatus {
  /** Not set: the default. */
  UNSET,
  /** Explicitly successful. */
  OK,
  /** Failed. */
  ERROR
}
