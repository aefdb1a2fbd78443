package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.config.ConfigInputs;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
  public static CoreObservability build(ConfigInputs inputs, List<BackendProvider> explicit, ClassLoader loader) {
    System.Logger logger = System.getLogger(LOGGER_NAME);
    Map<String, BackendProvider> providers = new Discovery(logger).discover(explicit, loader);
    SdkSettings settings = SdkSettings.read(inputs, providers.keySet());

    SelfMetricsRegistry selfMetrics = new SelfMetricsRegistry();
    DefaultScrubber scrubber = new DefaultScrubber(settings.scrubKeys());
    // Backends may ask for the current span before the facade exists; until then there is none.
    AtomicReference<CoreObservability> sdk = new AtomicReference<>();
    Supplier<SpanContext> currentSpan = () -> {
      CoreObservability o = sdk.get();
      return o == null ? SpanContext.invalid() : o.currentSpanContext();
    };
    RoutingPlan plan = new SignalRouter(settings, inputs, providers, selfMetrics, scrubber, currentSpan, logger).route();
    failOnProblems(inputs, settings, providers.keySet(), plan, selfMetrics, logger);
    RateLimitedLogger warnings = new RateLimitedLogger(logger, settings.limits().warningInterval());
    CoreObservability observability = new CoreObservability(settings, plan, selfMetrics, warnings, scrubber,
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

  /** One backend created by {@link #createBackend}, with the self-metrics its context counts into. */
  public record CreatedBackend(Backend backend, SelfMetrics selfMetrics) {}

  /**
   * Creates one backend the way {@link #build} does, without the facade: the same configuration
   * (its section validated, unknown keys reported), the same context, the same check that it
   * takes each of {@code signals}; a backend that fails to start is a problem ({@code strict:
   * true}). For backend tests (the testkit's {@code BackendHarness}).
   *
   * @param values builder values (dotted keys; the backend's section as one nested map)
   * @throws ConfigurationException listing every problem; the backend is closed first
   */
  public static CreatedBackend createBackend(Map<String, Object> values, BackendProvider provider, Set<Signal> signals,
      boolean primaryTraceBackend, Supplier<SpanContext> currentSpan) {
    System.Logger logger = System.getLogger(LOGGER_NAME);
    String name = provider.name().trim().toLowerCase(Locale.ROOT);
    Map<String, Object> strict = new LinkedHashMap<>(values);
    strict.put("strict", true);
    ConfigInputs inputs = ConfigInputs.builder().overrides(strict).build();
    SdkSettings settings = SdkSettings.read(inputs, Set.of(name));
    SelfMetricsRegistry selfMetrics = new SelfMetricsRegistry();
    RoutingPlan plan = new SignalRouter(settings, inputs, Map.of(name, provider), selfMetrics,
        new DefaultScrubber(settings.scrubKeys()), currentSpan, logger).routeOnly(name, signals, primaryTraceBackend);
    failOnProblems(inputs, settings, Set.of(name), plan, selfMetrics, logger);
    return new CreatedBackend(plan.backends.get(name), selfMetrics);
  }

  /** Reports unknown keys, then throws every problem at once, closing what was created first. */
  private static void failOnProblems(ConfigInputs inputs, SdkSettings settings, Set<String> providers,
      RoutingPlan plan, SelfMetricsRegistry selfMetrics, System.Logger logger) {
    Set<String> known = new HashSet<>(providers);
    known.addAll(KnownBackends.names());
    settings.reportUnknownKeys(known, plan.backends.keySet());
    if (!inputs.problems().isEmpty()) {
      new BackendLifecycle(selfMetrics, logger).close(plan.backends, CLEANUP_TIMEOUT);
      throw new ConfigurationException(inputs.problems());
    }
  }
}
