/** Metric instruments: name and label guards, cardinality budget, fan-out to metric sinks. Not API. */
package dev.obskit.core.internal.metrics;
