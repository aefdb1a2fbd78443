package dev.obskit.core.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.config.ConfigInputs;
import dev.obskit.core.config.HttpSettings;
import dev.obskit.core.config.SectionConfig;
import dev.obskit.core.config.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated settings the SDK runs on: service, routing, limits, scrubbing, logs, propagation,
 * the {@code http:} section, shutdown, and each backend's own section. Read once from the merged
 * {@link ConfigInputs}; where a value is bad, the default is used here and the problem is in
 * {@link ConfigInputs#problems()}, so that start-up reports every problem at once. Key reference:
 * {@code docs/configuration.md}.
 */
public final class SdkSettings {
  /** Backend names routing always accepts, whether or not their jar is on the class path. */
  public static final Set<String> WELL_KNOWN_BACKENDS =
      Collections.unmodifiableSet(new TreeSet<>(Set.of("console", "otel", "sentry", "memory")));

  /** Top-level keys the core owns (everything else must be a backend section). */
  public static final Set<String> CORE_KEYS =
      Set.of("service", "strict", "routing", "limits", "scrubbing", "logs", "propagation", "http",
          "shutdown_hook", "shutdown_timeout");

  /** Top-level core keys that hold a value rather than a section. */
  public static final Set<String> SCALAR_KEYS = Set.of("strict", "propagation", "shutdown_hook", "shutdown_timeout");

  /** The propagation formats {@code inject}/{@code extract} can speak. */
  public static final List<String> PROPAGATION_FORMATS = List.of("tracecontext", "baggage", "sentry");

  /** {@code propagation} when none is configured. */
  public static final List<String> DEFAULT_PROPAGATION = List.of("tracecontext", "baggage");

  /** {@code service.name} when none is configured (the OpenTelemetry convention). */
  public static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

  /** The default of {@code scrubbing.keys}. */
  public static final List<String> DEFAULT_SCRUB_KEYS = List.of(
      "password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "auth",
      "cookie", "set_cookie", "session", "credential", "private_key", "access_key",
      "client_secret", "dsn");

  private static final List<String> DEFAULT_ROUTE = List.of("console");
  /*
   * Logs are routed to none by default: the application's logging framework already writes them
   * somewhere, an appender added only to turn logged errors into captured errors must not also
   * ship every line, and configurations written before the logs signal existed (strict ones
   * included) must keep starting without a console backend they never asked for.
   */
  private static final List<String> DEFAULT_LOGS_ROUTE = List.of();

  private final ConfigInputs inputs;
  private final String serviceName;
  private final String serviceVersion;
  private final String environment;
  private final boolean strict;
  private final Map<Signal, List<String>> routing = new EnumMap<>(Signal.class);
  private final Limits limits;
  private final LogLimits logLimits;
  private final List<String> scrubKeys;
  private final List<String> propagation;
  private final HttpSettings http;
  private final boolean shutdownHook;
  private final Duration shutdownTimeout;

  private SdkSettings(ConfigInputs inputs, Set<String> availableBackends) {
    this.inputs = inputs;
    SectionConfig root = inputs.root();
    SectionConfig service = root.section("service");
    String name = service.getString("name", DEFAULT_SERVICE_NAME);
    // "${SERVICE_NAME}" with the variable unset yields "": fall back rather than send no name.
    this.serviceName = name == null || name.isBlank() ? DEFAULT_SERVICE_NAME : name.trim();
    this.serviceVersion = service.getString("version", "").trim();
    this.environment = service.getString("environment", "").trim();
    this.strict = root.getBoolean("strict", false);

    SectionConfig routes = root.section("routing");
    Set<String> allowed = new TreeSet<>(WELL_KNOWN_BACKENDS);
    availableBackends.forEach(backend -> allowed.add(backend.toLowerCase(Locale.ROOT)));
    for (Signal signal : Signal.values()) {
      routing.put(signal, route(routes, signal, allowed));
    }

    SectionConfig l = root.section("limits");
    this.limits = new Limits(l.getInt("max_name_length", 255, 1, 65_536),
        l.getInt("max_string_length", 4096, 1, 1_048_576),
        l.getInt("max_cardinality", 1000, 1, 1_000_000),
        l.getDuration("warning_interval", Duration.ofSeconds(60)),
        l.getInt("max_scope_tags", Limits.DEFAULT_MAX_SCOPE_TAGS, 1, 100_000),
        l.getInt("max_scope_contexts", Limits.DEFAULT_MAX_SCOPE_CONTEXTS, 1, 10_000),
        l.getInt("max_breadcrumbs", Limits.DEFAULT_MAX_BREADCRUMBS, 1, 10_000),
        l.getInt("max_metric_names", Limits.DEFAULT_MAX_METRIC_NAMES, 1, 1_000_000));
    this.shutdownHook = root.getBoolean("shutdown_hook", true);
    this.shutdownTimeout = root.getDuration("shutdown_timeout", Duration.ofSeconds(5));

    SectionConfig scrubbing = root.section("scrubbing");
    Set<String> keys = new LinkedHashSet<>();
    scrubbing.getStringList("keys", DEFAULT_SCRUB_KEYS).forEach(key -> keys.add(key.trim().toLowerCase(Locale.ROOT)));
    scrubbing.getStringList("extra_keys", List.of()).forEach(key -> keys.add(key.trim().toLowerCase(Locale.ROOT)));
    this.scrubKeys = List.copyOf(keys);
    this.http = HttpSettings.read(root.section("http"));

    SectionConfig logs = root.section("logs");
    String level = logs.getChoice("level", "info", "trace", "debug", "info", "warn", "error", "fatal");
    this.logLimits = new LogLimits(LogLevel.valueOf(level.toUpperCase(Locale.ROOT)),
        logs.getInt("max_per_second", 1000, 1, 100_000_000), logs.getInt("max_attributes", 64, 0, 1024));
    this.propagation = propagation(root);
  }

  /** Reads and validates the core's keys; routing accepts the well-known backend names only. */
  public static SdkSettings read(ConfigInputs inputs) {
    return read(inputs, Set.of());
  }

  /**
   * Reads and validates the core's keys; routing accepts the well-known backend names and {@code
   * availableBackends} (discovered or explicit providers). Problems go to {@code inputs}.
   */
  public static SdkSettings read(ConfigInputs inputs, Set<String> availableBackends) {
    return new SdkSettings(inputs, availableBackends);
  }

  private static List<String> propagation(SectionConfig root) {
    List<String> names = root.getStringList("propagation", DEFAULT_PROPAGATION);
    Set<String> result = new LinkedHashSet<>();
    boolean none = false;
    for (String raw : names) {
      String name = raw.toLowerCase(Locale.ROOT);
      if (name.equals("none")) {
        none = true;
      } else if (PROPAGATION_FORMATS.contains(name)) {
        result.add(name);
      } else {
        String suggestion = Suggestions.closest(name, PROPAGATION_FORMATS);
        root.problem("propagation", "unsupported propagation format " + name + "; expected a list of "
            + String.join(", ", PROPAGATION_FORMATS) + ", or none"
            + (suggestion == null ? "" : "; did you mean \"" + suggestion + "\"?"));
        return DEFAULT_PROPAGATION;
      }
    }
    if (none && !result.isEmpty()) {
      root.problem("propagation", "\"none\" cannot be combined with formats");
      return DEFAULT_PROPAGATION;
    }
    return List.copyOf(result);
  }

  private static List<String> route(SectionConfig routes, Signal signal, Set<String> allowed) {
    String key = signal.configName();
    List<String> fallback = signal == Signal.LOGS ? DEFAULT_LOGS_ROUTE : DEFAULT_ROUTE;
    List<String> names = routes.getStringList(key, fallback);
    boolean traces = signal == Signal.TRACES;
    String allowedText = "expected a backend name (" + String.join(", ", allowed) + "), a list of"
        + " them, or none" + (traces ? ", or both (= otel, sentry)" : "");
    Set<String> result = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    boolean none = false;
    for (String raw : names) {
      String name = raw.toLowerCase(Locale.ROOT);
      if (name.equals("none")) {
        none = true;
      } else if (name.equals("both") && traces) {
        result.add("otel");
        result.add("sentry");
      } else if (allowed.contains(name)) {
        result.add(name);
      } else {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      String message = "unknown backend " + String.join(", ", unknown) + "; " + allowedText;
      List<String> candidates = new ArrayList<>(allowed);
      candidates.add("none");
      if (traces) {
        candidates.add("both");
      }
      String suggestion = Suggestions.closest(unknown.get(0), candidates);
      if (suggestion != null) {
        message += "; did you mean \"" + suggestion + "\"?";
      } else if (unknown.contains("both")) {
        message += "; \"both\" is only valid for routing.traces";
      }
      routes.problem(key, message);
      return fallback;
    }
    if (none && !result.isEmpty()) {
      routes.problem(key, "\"none\" cannot be combined with backend names; " + allowedText);
      return fallback;
    }
    return List.copyOf(result);
  }

  /** The merged inputs these settings were read from: problems, sources, notes. */
  public ConfigInputs inputs() {
    return inputs;
  }

  /**
   * The section of backend {@code name} ({@code sentry.*}), handed to it as its {@link
   * dev.obskit.api.spi.BackendConfig}. The same name always yields the same instance, so reads are
   * tracked for the unknown-key check.
   */
  public SectionConfig section(String name) {
    return inputs.section(name);
  }

  /** {@code service.name}; never blank, default {@value #DEFAULT_SERVICE_NAME}. */
  public String serviceName() {
    return serviceName;
  }

  /** {@code service.version}; empty when not set. */
  public String serviceVersion() {
    return serviceVersion;
  }

  /** {@code service.environment} ({@code production}, ...); empty when not set. */
  public String environment() {
    return environment;
  }

  /** {@code strict}: whether soft problems (missing backend jar, create failure) fail the build. */
  public boolean strict() {
    return strict;
  }

  /**
   * {@code routing.<signal>}: lower-case backend names in order, without duplicates; empty for
   * {@code none}. Default {@code [console]}, for logs none. For traces the first name is the
   * primary and {@code both} means {@code [otel, sentry]}.
   */
  public List<String> routing(Signal signal) {
    return routing.get(signal);
  }

  /** Every backend name that routing uses for any signal, in first-mention order. */
  public Set<String> routedBackends() {
    Set<String> names = new LinkedHashSet<>();
    routing.values().forEach(names::addAll);
    return Collections.unmodifiableSet(names);
  }

  /** The run-time guard limits ({@code limits.*}). */
  public Limits limits() {
    return limits;
  }

  /** The guards of the logs signal ({@code logs.*}). */
  public LogLimits logLimits() {
    return logLimits;
  }

  /**
   * {@code scrubbing.keys} (replaces the defaults, {@link #DEFAULT_SCRUB_KEYS}) plus {@code
   * scrubbing.extra_keys} (added), lower-case, without duplicates: the keys whose values are
   * scrubbed from errors and events.
   */
  public List<String> scrubKeys() {
    return scrubKeys;
  }

  /**
   * {@code propagation}: the formats {@code inject} writes and {@code extract} reads, lower-case,
   * in order; empty for {@code none}. Default {@code [tracecontext, baggage]}.
   */
  public List<String> propagation() {
    return propagation;
  }

  /** The {@code http:} section (HTTP server and client integrations). */
  public HttpSettings http() {
    return http;
  }

  /** {@code shutdown_hook}: close the SDK when the JVM exits; default true. */
  public boolean shutdownHook() {
    return shutdownHook;
  }

  /** {@code shutdown_timeout}: the deadline of the close the shutdown hook runs; default 5s. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * {@code <name>.enabled}, default true. The core reads it for every backend, which makes {@code
   * enabled} a known key of every backend section.
   */
  public boolean backendEnabled(String name) {
    return section(name).getBoolean("enabled", true);
  }

  /**
   * Reports unknown keys as problems: a top-level key that is neither a core key nor the name of
   * a backend ({@code knownBackendNames} or a well-known name) is unknown; inside the core's
   * sections and the sections of {@code createdBackends}, every key present but never read is
   * unknown. Call it after every created backend has read its section. Sections of backends that
   * were not created are not checked: nobody can say which keys they support.
   */
  public void reportUnknownKeys(Set<String> knownBackendNames, Set<String> createdBackends) {
    Set<String> topLevel = new LinkedHashSet<>(CORE_KEYS);
    topLevel.addAll(WELL_KNOWN_BACKENDS);
    knownBackendNames.forEach(name -> topLevel.add(name.toLowerCase(Locale.ROOT)));
    Set<String> checked = new TreeSet<>(CORE_KEYS);
    checked.removeAll(SCALAR_KEYS);
    createdBackends.forEach(name -> checked.add(name.toLowerCase(Locale.ROOT)));
    inputs.reportUnknownKeys(topLevel, checked);
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

    /** {@code logs.level}: the least severe level sent on; default INFO. */
    public LogLevel level() {
      return level;
    }

    /** {@code logs.max_per_second}: records sent on per second; the rest are dropped and counted. */
    public int maxPerSecond() {
      return maxPerSecond;
    }

    /** {@code logs.max_attributes}: attributes kept per record; the rest are dropped and counted. */
    public int maxAttributes() {
      return maxAttributes;
    }
  }

  /** The run-time guard limits ({@code limits.*}). */
  public static final class Limits {
    public static final int DEFAULT_MAX_SCOPE_TAGS = 200;
    public static final int DEFAULT_MAX_SCOPE_CONTEXTS = 50;
    public static final int DEFAULT_MAX_BREADCRUMBS = 100;
    /** The default of {@code limits.max_metric_names}. */
    public static final int DEFAULT_MAX_METRIC_NAMES = 2000;
    public static final Limits DEFAULTS = new Limits(255, 4096, 1000, Duration.ofSeconds(60));

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
      this.maxNameLength = maxNameLength;
      this.maxStringLength = maxStringLength;
      this.maxCardinality = maxCardinality;
      this.warningInterval = warningInterval;
      this.maxScopeTags = maxScopeTags;
      this.maxScopeContexts = maxScopeContexts;
      this.maxBreadcrumbs = maxBreadcrumbs;
      this.maxMetricNames = maxMetricNames;
    }

    /** {@code limits.max_scope_tags}: most tags one scope (process-wide or request) holds; default 200. */
    public int maxScopeTags() {
      return maxScopeTags;
    }

    /** {@code limits.max_scope_contexts}: most named contexts one scope holds; default 50. */
    public int maxScopeContexts() {
      return maxScopeContexts;
    }

    /** {@code limits.max_breadcrumbs}: most breadcrumbs one scope keeps (the oldest go first); default 100. */
    public int maxBreadcrumbs() {
      return maxBreadcrumbs;
    }

    /** {@code limits.max_name_length}: longest metric, span, event, attribute, tag or context name; default 255. */
    public int maxNameLength() {
      return maxNameLength;
    }

    /** {@code limits.max_string_length}: longest string value kept; longer entries are dropped; default 4096. */
    public int maxStringLength() {
      return maxStringLength;
    }

    /** {@code limits.max_cardinality}: most label sets one instrument accepts; default 1000. */
    public int maxCardinality() {
      return maxCardinality;
    }

    /** {@code limits.max_metric_names}: most distinct metric names; new ones are dropped and counted; default 2000. */
    public int maxMetricNames() {
      return maxMetricNames;
    }

    /** {@code limits.warning_interval}: at most one warning of each kind per this interval; default 60s. */
    public Duration warningInterval() {
      return warningInterval;
    }
  }
}
