package dev.obskit.core.internal.metrics;

import dev.obskit.api.MetricType;

/** What a metric name is bound to in the {@link InstrumentRegistry}; its type is the name's type. */
interface NameBinding {
  /** The one type this name may be used with. */
  MetricType type();
}
