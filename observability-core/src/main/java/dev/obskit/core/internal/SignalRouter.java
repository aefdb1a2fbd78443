package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import dev.obskit.core.config.ConfigInputs;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns the routing table into running backends: creates only the backends that routing names
 * (and that are enabled), once each, then asks each for the sinks of its signals. What cannot
 * serve (disabled, jar absent, failed to start) becomes a no-op with one warning per backend,
 * or a configuration problem under {@code strict: true}.
 */
public final class SignalRouter {
  private final SdkSettings settings;
  private final ConfigInputs config;
  private final Map<String, BackendProvider> providers;
  private final SelfMetrics selfMetrics;
  private final DefaultScrubber scrubber;
  private final Supplier<SpanContext> currentSpan;
  private final System.Logger logger;

  public SignalRouter(SdkSettings settings, ConfigInputs config, Map<String, BackendProvider> providers,
      SelfMetrics selfMetrics, DefaultScrubber scrubber, Supplier<SpanContext> currentSpan, System.Logger logger) {
    this.settings = settings;
    this.config = config;
    this.providers = providers;
    this.selfMetrics = selfMetrics;
    this.scrubber = scrubber;
    this.currentSpan = currentSpan;
    this.logger = logger;
  }

  /** Creates the routed backends. The caller closes {@link RoutingPlan#backends()} if build fails. */
  public RoutingPlan route() {
    RoutingPlan plan = new RoutingPlan();
    Map<String, Sinks> sinks = new LinkedHashMap<>();
    Map<String, Set<Signal>> wanted = new LinkedHashMap<>();
    Map<String, Set<Signal>> absent = new LinkedHashMap<>();
    Map<String, Set<Signal>> disabled = new LinkedHashMap<>();
    String primaryTrace = null;
    for (Signal signal : Signal.values()) {
      for (String name : settings.routing(signal)) {
        if (!settings.backendEnabled(name)) {
          disabled.computeIfAbsent(name, n -> EnumSet.noneOf(Signal.class)).add(signal);
        } else if (!providers.containsKey(name)) {
          if (KnownBackends.artifact(name) != null) {
            absent.computeIfAbsent(name, n -> EnumSet.noneOf(Signal.class)).add(signal);
          }
          // An unknown name was already reported by routing validation.
        } else {
          wanted.computeIfAbsent(name, n -> EnumSet.noneOf(Signal.class)).add(signal);
          if (signal == Signal.TRACES && primaryTrace == null) {
            primaryTrace = name;
          }
        }
      }
    }
    for (Map.Entry<String, Set<Signal>> e : wanted.entrySet()) {
      create(plan, sinks, e.getKey(), e.getValue(), e.getKey().equals(primaryTrace));
    }
    for (Signal signal : Signal.values()) {
      for (String name : settings.routing(signal)) {
        if (plan.backends.containsKey(name)) {
          attach(plan, signal, name, sinks.get(name));
        }
      }
    }
    absent.forEach((name, signals) -> reportAbsent(plan, name, signals));
    disabled.forEach((name, signals) -> reportDisabled(plan, name, signals));
    return plan;
  }

  /**
   * Creates the one backend {@code name} for {@code signals}, as {@link #route()} does when routing
   * names it for exactly those signals: the test harness's way to one real backend.
   */
  public RoutingPlan routeOnly(String name, Set<Signal> signals, boolean primary) {
    RoutingPlan plan = new RoutingPlan();
    Map<String, Sinks> sinks = new LinkedHashMap<>();
    create(plan, sinks, name, signals, primary);
    if (plan.backends.containsKey(name)) {
      for (Signal signal : signals) {
        attach(plan, signal, name, sinks.get(name));
      }
    }
    return plan;
  }

  private void create(RoutingPlan plan, Map<String, Sinks> sinks, String name, Set<Signal> signals, boolean primary) {
    DefaultBackendContext context = new DefaultBackendContext(name, settings, config.section(name), signals, primary,
        selfMetrics, scrubber, currentSpan);
    try {
      Backend backend = providers.get(name).create(context);
      if (backend == null) {
        throw new IllegalStateException(providers.get(name).getClass().getName() + ".create returned null");
      }
      plan.backends.put(name, backend);
      sinks.put(name, sinksOf(backend, name));
    } catch (Throwable t) {
      if (settings.strict()) {
        config.addProblem(name, null, "backend '" + name + "' failed to start: " + t);
      } else {
        plan.off.put(name, "failed to start: " + t);
        logger.log(System.Logger.Level.WARNING, "obskit backend '" + name + "' failed to start; "
            + names(signals) + " will not reach it (set strict: true to fail instead)", t);
      }
    }
  }

  /** What {@code backend} offers; a backend that throws or answers null offers nothing (reported by {@link #attach}). */
  private Sinks sinksOf(Backend backend, String name) {
    try {
      Sinks offered = backend.sinks();
      if (offered != null) {
        return offered;
      }
      config.addProblem("routing", name, "backend '" + name + "' answered null when asked for its sinks");
    } catch (Throwable t) {
      config.addProblem("routing", name, "backend '" + name + "' threw when asked for its sinks: " + t);
    }
    return null;
  }

  private void attach(RoutingPlan plan, Signal signal, String name, Sinks offered) {
    if (offered == null) {
      return; // reported by sinksOf
    }
    if (offered.takes(signal)) {
      plan.route(signal, name, offered);
      return;
    }
    config.addProblem("routing." + signal.configName(), name, "backend '" + name + "' does not handle "
        + signal.configName() + " (it handles: " + (offered.signals().isEmpty() ? "nothing" : names(offered.signals()))
        + ")");
  }

  private void reportAbsent(RoutingPlan plan, String name, Set<Signal> signals) {
    String artifact = KnownBackends.artifact(name);
    plan.off.put(name, "not on the class path (add " + artifact + ")");
    if (settings.strict()) {
      Signal first = signals.iterator().next();
      config.addProblem("routing." + first.configName(), name, "backend '" + name + "' is routed for "
          + names(signals) + " but not on the class path: add " + artifact + " (strict: true)");
      return;
    }
    logger.log(System.Logger.Level.WARNING, "obskit backend '" + name + "' is routed for " + names(signals)
        + " but is not on the class path: add " + artifact + "; until then it receives nothing" + noopSuffix(plan, signals));
  }

  private void reportDisabled(RoutingPlan plan, String name, Set<Signal> signals) {
    plan.off.put(name, "disabled by " + name + ".enabled: false");
    List<Signal> dead = signals.stream().filter(s -> !plan.serves(s)).collect(Collectors.toList());
    if (dead.isEmpty()) {
      return;
    }
    if (settings.strict()) {
      config.addProblem(name + ".enabled", "false", "backend '" + name + "' is disabled but is the only backend routed for "
          + names(dead) + " (strict: true)");
      return;
    }
    logger.log(System.Logger.Level.WARNING, "obskit backend '" + name + "' is disabled by " + name
        + ".enabled: false; " + names(dead) + " " + (dead.size() == 1 ? "is" : "are") + " a no-op");
  }

  private String noopSuffix(RoutingPlan plan, Set<Signal> signals) {
    List<Signal> dead = signals.stream().filter(s -> !plan.serves(s)).collect(Collectors.toList());
    return dead.isEmpty() ? "" : " (" + names(dead) + (dead.size() == 1 ? " is" : " are") + " a no-op)";
  }

  private static String names(java.util.Collection<Signal> signals) {
    return signals.stream().map(Signal::configName).collect(Collectors.joining(", "));
  }
}
