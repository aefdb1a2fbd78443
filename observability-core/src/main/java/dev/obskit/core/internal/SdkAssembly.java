package dev.obskit.core.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.config.ConfigInputs;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds an SDK: configuration, discovery, routing, validation, then the facade. Every problem
 * is collected and thrown once; backends created before a failure are closed again.
 */
public final class SdkAssembly {
  /** The logger of the init summary and SDK-level warnings. */
  public static final String LOGGER_NAME = "dev.obskit";
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(2);

  private SdkAssembly() {}

  /**
   * Builds the SDK from the merged {@code inputs} or throws one {@code ConfigurationException}
   * listing every problem.
   */
  public static SdkObservability build(ConfigInputs inputs, List<BackendProvider> explicit, ClassLoader loader) {
    System.Logger logger = System.getLogger(LOGGER_NAME);
    Map<String, BackendProvider> providers = new Discovery(logger).discover(explicit, loader);
    SdkSettings settings = SdkSettings.read(inputs, providers.keySet());

    SelfMetricsRegistry selfMetrics = new SelfMetricsRegistry();
    DefaultScrubber scrubber = new DefaultScrubber(settings.scrubKeys());
    // Backends may ask for the current span before the facade exists; until then there is none.
    AtomicReference<SdkObservability> sdk = new AtomicReference<>();
    java.util.function.Supplier<SpanContext> currentSpan = () -> {
      SdkObservability o = sdk.get();
      return o == null ? SpanContext.invalid() : o.currentSpanContext();
    };
    RoutingPlan plan = new SignalRouter(settings, inputs, providers, selfMetrics, scrubber, currentSpan, logger).route();
    Set<String> known = new HashSet<>(providers.keySet());
    known.addAll(KnownBackends.names());
    settings.reportUnknownKeys(known, plan.backends.keySet());
    if (!inputs.problems().isEmpty()) {
      new BackendLifecycle(selfMetrics, logger).close(plan.backends, CLEANUP_TIMEOUT);
      throw new ConfigurationException(inputs.problems());
    }
    RateLimitedLogger warnings = new RateLimitedLogger(logger, settings.limits().warningInterval());
    SdkObservability observability = new SdkObservability(settings, plan, selfMetrics, warnings, scrubber,
        new LifecycleState(), logger);
    observability.useHttpSettings(settings.http());
    sdk.set(observability);
    plan.backends.forEach((name, backend) -> {
      try {
        backend.onStart(observability);
      } catch (RuntimeException e) {
        logger.log(System.Logger.Level.WARNING, "obskit: backend " + name + " failed to start its own telemetry: " + e);
      }
    });
    if (settings.shutdownHook()) {
      observability.closeAtExit(ShutdownHook.register(observability, settings.shutdownTimeout()));
    }
    inputs.unusedEnvironmentOverrides().forEach(w -> logger.log(System.Logger.Level.WARNING, "obskit: " + w));
    inputs.notes().forEach(n -> logger.log(System.Logger.Level.INFO, "obskit: note: " + n));
    logger.log(System.Logger.Level.INFO, EffectiveConfigSummary.render(settings, plan, inputs.sourcesSummary(), scrubber)
        + EffectiveConfigSummary.valuesLine(inputs.valueSources()));
    return observability;
  }
}
