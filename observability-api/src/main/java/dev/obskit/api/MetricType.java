package dev.obskit.api;

/** The kind of instrument a measurement belongs to. */
public enum MetricType {
  /** Monotonic sum: only non-negative increments are accepted. */
  COUNTER,
  /** Sum that may go up and down (queue depth, in-flight requests). */
  UP_DOWN_COUNTER,
  /** Distribution of recorded values (latencies, sizes). */
  HISTOGRAM,
  /** Last value wins (temperature, pool size). */
  GAUGE
}
