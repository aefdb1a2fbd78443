package dev.obskit.api;

/** The role of a span in a trace, as in OpenTelemetry. */
public enum SpanKind {
  INTERNAL,
  SERVER,
  CLIENT,
  PRODUCER,
  CONSUMER
}
