package dev.obskit.core.internal;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.api.spi.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one summary logged at init: service, where each signal goes, which backends are off and
 * why, and what each backend says about itself, with secrets masked. A few lines on purpose: it
 * is read by people starting the application.
 */
public final class EffectiveConfigSummary {
  private EffectiveConfigSummary() {}

  /** The init summary text; values of sensitive keys are masked again in case a backend forgot. */
  public static String render(SdkSettings settings, RoutingPlan plan, List<String> sources, Scrubber scrubber) {
    StringBuilder sb = new StringBuilder("obskit started: service=").append(settings.serviceName());
    if (!settings.serviceVersion().isEmpty()) {
      sb.append(" version=").append(settings.serviceVersion());
    }
    if (!settings.environment().isEmpty()) {
      sb.append(" environment=").append(settings.environment());
    }
    if (settings.strict()) {
      sb.append(" strict");
    }
    sb.append(" (config: ").append(String.join(", ", sources)).append(')');
    StringJoiner routes = new StringJoiner(" | ", "\n  routing: ", "");
    routes.add("errors -> " + list(plan.backendsFor(Signal.ERRORS)));
    routes.add("metrics -> " + list(plan.backendsFor(Signal.METRICS)));
    List<String> traces = new ArrayList<>();
    int i = 0;
    for (String name : plan.traceBackends()) {
      traces.add(name + (i++ == 0 ? " (primary)" : " (mirror)"));
    }
    routes.add("traces -> " + list(traces));
    routes.add("events -> " + list(plan.backendsFor(Signal.EVENTS)));
    routes.add("logs -> " + list(plan.backendsFor(Signal.LOGS)));
    sb.append(routes);
    if (!plan.off.isEmpty()) {
      StringJoiner off = new StringJoiner("; ", "\n  off: ", "");
      plan.off.forEach((name, why) -> off.add(name + " (" + why + ")"));
      sb.append(off);
    }
    for (Map.Entry<String, Backend> e : plan.backends.entrySet()) {
      Map<String, String> described;
      try {
        described = e.getValue().describe();
      } catch (RuntimeException ex) {
        described = Map.of("describe", "failed: " + ex);
      }
      if (described == null || described.isEmpty()) {
        continue;
      }
      StringJoiner line = new StringJoiner(" ", "\n  " + e.getKey() + ": ", "");
      described.forEach((k, v) -> line.add(k + "=" + mask(k, v, scrubber)));
      sb.append(line);
    }
    return sb.toString();
  }

  /**
   * The summary line saying which layer set each value that is not a default: {@code file},
   * {@code yaml}, {@code env OTEL_...}/{@code env SENTRY_...} (standard variables), {@code env
   * OBS_...} or {@code builder}. Empty when everything is a default.
   */
  public static String valuesLine(List<String> valueSources) {
    return valueSources.isEmpty() ? "" : "\n  set: " + String.join(", ", valueSources);
  }

  /** Backends should mask secrets themselves; this is the safety net for one that forgot. */
  static String mask(String key, String value, Scrubber scrubber) {
    if (value == null) {
      return "";
    }
    if (scrubber.isSensitiveKey(key) && !value.contains("***") && !value.isEmpty()) {
      return "****";
    }
    return value;
  }

  /** The same facts as {@link #render} as data, for health and info endpoints. */
  public static dev.obskit.core.SdkStatus status(SdkSettings settings, RoutingPlan plan,
      Map<String, Long> selfMetrics, boolean closed, boolean closesAtExit, Scrubber scrubber) {
    Map<dev.obskit.api.spi.Signal, List<String>> routing = new java.util.EnumMap<>(dev.obskit.api.spi.Signal.class);
    Map<String, dev.obskit.core.SdkStatus.BackendStatus> backends = new java.util.LinkedHashMap<>();
    for (dev.obskit.api.spi.Signal signal : dev.obskit.api.spi.Signal.values()) {
      List<String> names = settings.routing(signal);
      routing.put(signal, List.copyOf(names));
      names.forEach(name -> backends.putIfAbsent(name, null));
    }
    plan.backends.keySet().forEach(name -> backends.putIfAbsent(name, null));
    backends.replaceAll((name, ignored) -> {
      Backend backend = plan.backends.get(name);
      if (backend == null) {
        String why = plan.off.get(name);
        return new dev.obskit.core.SdkStatus.BackendStatus(false, why == null ? "not created" : why, Map.of());
      }
      Map<String, String> described = new java.util.LinkedHashMap<>();
      try {
        Map<String, String> raw = backend.describe();
        if (raw != null) {
          raw.forEach((k, v) -> described.put(k, mask(k, v, scrubber)));
        }
      } catch (RuntimeException ex) {
        described.put("describe", "failed: " + ex);
      }
      // Created but attached to no signal, or reporting itself disabled (Sentry without a DSN
      // hands out no-op sinks and says "status: disabled: ..."): not serving.
      boolean serving = plan.serving(name) && !described.getOrDefault("status", "").startsWith("disabled");
      String reason = serving ? "" : described.getOrDefault("status", "serves none of the signals routed to it");
      return new dev.obskit.core.SdkStatus.BackendStatus(serving, reason, java.util.Collections.unmodifiableMap(described));
    });
    return new dev.obskit.core.SdkStatus(settings.serviceName(), settings.serviceVersion(), settings.environment(),
        java.util.Collections.unmodifiableMap(routing), java.util.Collections.unmodifiableMap(backends),
        Map.copyOf(selfMetrics), closed, closesAtExit);
  }

  private static String list(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
