package dev.obskit.core.internal.metrics;

import dev.obskit.api.MetricType;

/**
 * Binds a name used so far only by callback gauges: it claims the name for {@code GAUGE} without
 * creating a synchronous instrument in the backends (which would register a second gauge there).
 */
final class CallbackGaugeName implements NameBinding {
  static final CallbackGaugeName INSTANCE = new CallbackGaugeName();

  private CallbackGaugeName() {}

  @Override
  public MetricType type() {
    return MetricType.GAUGE;
  }
}
