package dev.obskit.core.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.spi.Signal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The typed core settings the rest of the core works from, independent of how configuration is
 * loaded. Immutable.
 */
public final class SdkSettings {
  private final String serviceName;
  private final String serviceVersion;
  private final String environment;
  private final boolean strict;
  private final Map<Signal, List<String>> routing;
  private final Limits limits;
  private final List<String> scrubKeys;
  private final Predicate<String> backendEnabled;
  private final LogLimits logLimits;
  private final List<String> propagation;

  public SdkSettings(String serviceName, String serviceVersion, String environment, boolean strict,
      Map<Signal, List<String>> routing, Limits limits, List<String> scrubKeys, Predicate<String> backendEnabled) {
    this(serviceName, serviceVersion, environment, strict, routing, limits, scrubKeys, backendEnabled,
        LogLimits.DEFAULTS);
  }

  public SdkSettings(String serviceName, String serviceVersion, String environment, boolean strict,
      Map<Signal, List<String>> routing, Limits limits, List<String> scrubKeys, Predicate<String> backendEnabled,
      LogLimits logLimits) {
    this(serviceName, serviceVersion, environment, strict, routing, limits, scrubKeys, backendEnabled, logLimits,
        dev.obskit.core.config.CoreSettings.DEFAULT_PROPAGATION);
  }

  public SdkSettings(String serviceName, String serviceVersion, String environment, boolean strict,
      Map<Signal, List<String>> routing, Limits limits, List<String> scrubKeys, Predicate<String> backendEnabled,
      LogLimits logLimits, List<String> propagation) {
    this.logLimits = logLimits;
    this.propagation = List.copyOf(propagation);
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
    this.environment = environment;
    this.strict = strict;
    Map<Signal, List<String>> r = new EnumMap<>(Signal.class);
    for (Signal s : Signal.values()) {
      r.put(s, List.copyOf(routing.getOrDefault(s, List.of())));
    }
    this.routing = r;
    this.limits = limits;
    this.scrubKeys = List.copyOf(scrubKeys);
    this.backendEnabled = backendEnabled;
  }

  /** The propagation formats ({@code tracecontext}, {@code baggage}, {@code sentry}); empty for none. */
  public List<String> propagation() {
    return propagation;
  }

  /** The service name, required. */
  public String serviceName() {
    return serviceName;
  }

  /** The service version; empty when not set. */
  public String serviceVersion() {
    return serviceVersion;
  }

  /** The deployment environment; empty when not set. */
  public String environment() {
    return environment;
  }

  /** Whether soft problems (missing backend jar, create failure) fail the build. */
  public boolean strict() {
    return strict;
  }

  /** Lower-case backend names for {@code signal}; empty for {@code none}. */
  public List<String> routing(Signal signal) {
    return routing.get(signal);
  }

  /** The run-time guard limits. */
  public Limits limits() {
    return limits;
  }

  /** The keys whose values are scrubbed from errors and events. */
  public List<String> scrubKeys() {
    return scrubKeys;
  }

  /** False when {@code <name>.enabled: false}; the core handles that key for every backend. */
  public boolean backendEnabled(String name) {
    return backendEnabled.test(name);
  }

  /** The guards of the logs signal ({@code logs:}). */
  public LogLimits logLimits() {
    return logLimits;
  }

  /** The guards of the logs signal: level threshold, rate budget, attributes per record. */
  public static final class LogLimits {
    public static final LogLimits DEFAULTS = new LogLimits(LogLevel.INFO, 1000, 64);

    private final LogLevel level;
    private final int maxPerSecond;
    private final int maxAttributes;

    public LogLimits(LogLevel level, int maxPerSecond, int maxAttributes) {
      this.level = level;
      this.maxPerSecond = maxPerSecond;
      this.maxAttributes = maxAttributes;
    }

    /** The least severe level sent on. */
    public LogLevel level() {
      return level;
    }

    /** Records sent on per second; the rest are dropped and counted. */
    public int maxPerSecond() {
      return maxPerSecond;
    }

    /** Attributes kept per record; the rest are dropped and counted. */
    public int maxAttributes() {
      return maxAttributes;
    }
  }

  /** The run-time guard limits. */
  public static final class Limits {
    public static final int DEFAULT_MAX_SCOPE_TAGS = 200;
    public static final int DEFAULT_MAX_SCOPE_CONTEXTS = 50;
    public static final int DEFAULT_MAX_BREADCRUMBS = 100;
    public static final Limits DEFAULTS = new Limits(255, 4096, 1000, Duration.ofSeconds(60));
    /** The default of {@code limits.max_metric_names}. */
    public static final int DEFAULT_MAX_METRIC_NAMES = 2000;

    private final int maxNameLength;
    private final int maxStringLength;
    private final int maxCardinality;
    private final Duration warningInterval;
    private final int maxScopeTags;
    private final int maxScopeContexts;
    private final int maxBreadcrumbs;
    private final int maxMetricNames;

    public Limits(int maxNameLength, int maxStringLength, int maxCardinality, Duration warningInterval) {
      this(maxNameLength, maxStringLength, maxCardinality, warningInterval, DEFAULT_MAX_SCOPE_TAGS,
          DEFAULT_MAX_SCOPE_CONTEXTS, DEFAULT_MAX_BREADCRUMBS);
    }

    public Limits(int maxNameLength, int maxStringLength, int maxCardinality, Duration warningInterval,
        int maxScopeTags, int maxScopeContexts, int maxBreadcrumbs) {
      this(maxNameLength, maxStringLength, maxCardinality, warningInterval, maxScopeTags, maxScopeContexts,
          maxBreadcrumbs, DEFAULT_MAX_METRIC_NAMES);
    }

    public Limits(int maxNameLength, int maxStringLength, int maxCardinality, Duration warningInterval,
        int maxScopeTags, int maxScopeContexts, int maxBreadcrumbs, int maxMetricNames) {
      this.maxMetricNames = maxMetricNames;
      this.maxNameLength = maxNameLength;
      this.maxStringLength = maxStringLength;
      this.maxCardinality = maxCardinality;
      this.warningInterval = warningInterval;
      this.maxScopeTags = maxScopeTags;
      this.maxScopeContexts = maxScopeContexts;
      this.maxBreadcrumbs = maxBreadcrumbs;
    }

    /** Most tags one scope (process-wide or request) holds. */
    public int maxScopeTags() {
      return maxScopeTags;
    }

    /** Most named contexts one scope holds. */
    public int maxScopeContexts() {
      return maxScopeContexts;
    }

    /** Most breadcrumbs one scope keeps (the oldest go first). */
    public int maxBreadcrumbs() {
      return maxBreadcrumbs;
    }

    /** Longest accepted metric, span, event, attribute, tag or context name. */
    public int maxNameLength() {
      return maxNameLength;
    }

    /** Longest accepted string value; longer entries are dropped. */
    public int maxStringLength() {
      return maxStringLength;
    }

    /** Most label sets one instrument accepts. */
    public int maxCardinality() {
      return maxCardinality;
    }

    /** Most distinct metric names; new names beyond it are dropped and counted. */
    public int maxMetricNames() {
      return maxMetricNames;
    }

    /** At most one warning of each kind per this interval. */
    public Duration warningInterval() {
      return warningInterval;
    }
  }
}
