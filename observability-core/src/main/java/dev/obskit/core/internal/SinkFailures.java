package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.Signal;

/**
 * Records a sink call that threw: counted under {@code sink_failures.<backend>.<signal>} and
 * warned about at a limited rate. Never rethrows: one backend's bug must not reach the
 * application or the other backends.
 */
public final class SinkFailures {
  private final SelfMetrics metrics;
  private final RateLimitedLogger warnings;

  public SinkFailures(SelfMetrics metrics, RateLimitedLogger warnings) {
    this.metrics = metrics;
    this.warnings = warnings;
  }

  /** The self-metrics key for a failing sink. */
  public static String key(String backend, Signal signal) {
    return "sink_failures." + backend + "." + signal.configName();
  }

  /** Counts and warns about a sink call that threw; never rethrows. */
  public void failed(String backend, Signal signal, Throwable error) {
    Fatal.rethrowIfFatal(error);
    String key = key(backend, signal);
    metrics.increment(key);
    warnings.warn(key, () -> "obskit backend '" + backend + "' threw while handling " + signal.configName()
        + "; the call was isolated from the application and the other backends", error);
  }
}
