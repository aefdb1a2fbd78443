package dev.obskit.core.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.spi.BackendConfig;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.config.ConfigInputs;
import dev.obskit.core.config.CoreSettings;
import dev.obskit.core.config.LoadedConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The loaded configuration as the core uses it: {@link LoadedConfig} plus the problems only the
 * core can find (a routed backend without the sink, a strict-mode failure).
 */
public final class SdkConfiguration {
  private final LoadedConfig loaded;
  private final SdkSettings settings;
  private final List<ConfigProblem> coreProblems = new ArrayList<>();

  private SdkConfiguration(LoadedConfig loaded) {
    this.loaded = loaded;
    this.settings = toSettings(loaded.core());
  }

  /** Loads every source; routing accepts the well-known names and {@code availableBackends}. */
  public static SdkConfiguration load(ConfigRequest request, Set<String> availableBackends) {
    ConfigInputs.Builder in = ConfigInputs.builder().configFile(request.configFile()).configYaml(request.configYaml())
        .env(request.env()).backendNames(availableBackends);
    request.overrides().forEach(in::set);
    return new SdkConfiguration(LoadedConfig.load(in.build()));
  }

  private static SdkSettings toSettings(CoreSettings core) {
    Map<Signal, List<String>> routing = new EnumMap<>(Signal.class);
    for (Signal s : Signal.values()) {
      routing.put(s, core.routing(s));
    }
    return new SdkSettings(core.serviceName(), core.serviceVersion(), core.environment(), core.strict(), routing,
        new SdkSettings.Limits(core.maxNameLength(), core.maxStringLength(), core.maxCardinality(),
            core.warningInterval(), core.maxScopeTags(), core.maxScopeContexts(), core.maxBreadcrumbs(),
            core.maxMetricNames()),
        core.scrubKeys(), core::backendEnabled,
        new SdkSettings.LogLimits(LogLevel.valueOf(core.logsLevel().toUpperCase(Locale.ROOT)), core.logsMaxPerSecond(),
            core.logsMaxAttributes()), core.propagation());
  }

  /** The {@code http:} section, for the HTTP integrations. */
  public dev.obskit.core.config.HttpSettings http() {
    return loaded.core().http();
  }

  /** The core keys as read from the configuration. */
  public dev.obskit.core.config.CoreSettings core() {
    return loaded.core();
  }

  /** The typed core settings (defaults where a value was bad). */
  public SdkSettings settings() {
    return settings;
  }

  /** A backend's section. */
  public BackendConfig section(String backend) {
    return loaded.section(backend);
  }

  /** Reports top-level keys that name nothing and section keys a created backend never read. */
  public void reportUnknownKeys(Set<String> knownBackends, Set<String> createdBackends) {
    loaded.reportUnknownKeys(knownBackends, createdBackends);
  }

  /** Adds a problem the core found. */
  public void addProblem(String path, String value, String message) {
    String source = null;
    if (path.startsWith("routing.")) {
      source = loaded.root().section("routing").sourceOf(path.substring("routing.".length()));
    }
    coreProblems.add(new ConfigProblem(path, value, message, source));
  }

  /** Every problem: configuration's first, then the core's. */
  public List<ConfigProblem> problems() {
    List<ConfigProblem> all = new ArrayList<>(loaded.problems());
    all.addAll(coreProblems);
    return all;
  }

  /** Where the configuration came from, for the init summary. */
  public List<String> sources() {
    // Builder keys are collapsed into one entry: the summary must stay a few lines long.
    List<String> out = new ArrayList<>();
    int builderKeys = 0;
    for (String source : loaded.sourcesDescription()) {
      if (source.startsWith("builder")) {
        builderKeys++;
      } else {
        out.add(source);
      }
    }
    if (builderKeys > 0) {
      out.add("builder (" + builderKeys + (builderKeys == 1 ? " key)" : " keys)"));
    }
    return out.isEmpty() ? List.of("defaults") : out;
  }

  /**
   * Every value that is not a default, with the layer that set it: {@code service.name=checkout
   * (env OTEL_SERVICE_NAME)}. Secrets are masked. For the init summary.
   */
  public List<String> valueSources() {
    List<String> out = new ArrayList<>();
    for (dev.obskit.core.config.EffectiveValue value : loaded.root().effectiveValues()) {
      if (!value.source().equals("default")) {
        out.add(value.path() + "=" + value.value() + " (" + value.source() + ")");
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** Start-up notes (shorthand keys read as their canonical keys). */
  public List<String> notes() {
    return loaded.notes();
  }

  /** Warnings for {@code OBS_*} variables nobody read (likely typos). */
  public List<String> unusedEnvironmentOverrides() {
    return loaded.unusedEnvironmentOverrides();
  }
}
