package dev.obskit.core.config;

import dev.obskit.api.spi.Signal;
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
 * The core's own keys, typed and validated. Where a value is bad, the default is used here and
 * the problem is in {@link LoadedConfig#problems()}. Key reference: {@code docs/configuration.md}.
 */
public final class CoreSettings {
  /** Backend names routing always accepts, whether or not their jar is on the class path. */
  public static final Set<String> WELL_KNOWN_BACKENDS =
      Collections.unmodifiableSet(new TreeSet<>(Set.of("console", "otel", "sentry", "memory")));

  /** Top-level keys the core owns (everything else must be a backend section). */
  public static final Set<String> CORE_KEYS =
      Set.of("service", "strict", "routing", "limits", "scrubbing", "logs", "propagation", "http",
          "shutdown_hook", "shutdown_timeout");

  /** The propagation formats {@code inject}/{@code extract} can speak. */
  public static final List<String> PROPAGATION_FORMATS = List.of("tracecontext", "baggage", "sentry");

  /** {@code propagation} when none is configured. */
  public static final List<String> DEFAULT_PROPAGATION = List.of("tracecontext", "baggage");

  /** Top-level core keys that hold a value rather than a section. */
  public static final Set<String> SCALAR_KEYS = Set.of("strict", "propagation", "shutdown_hook", "shutdown_timeout");

  /** {@code service.name} when none is configured (the OpenTelemetry convention). */
  public static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

  /** The default of {@code scrubbing.keys}. */
  public static final List<String> DEFAULT_SCRUB_KEYS = List.of(
      "password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "auth",
      "cookie", "set_cookie", "session", "credentials", "private_key", "access_key",
      "client_secret", "dsn");

  private static final List<String> DEFAULT_ROUTE = List.of("console");
  /*
   * Logs are routed to none by default: the application's logging framework already writes them
   * somewhere, an appender added only to turn logged errors into captured errors must not also
   * ship every line, and configurations written before the logs signal existed (strict ones
   * included) must keep starting without a console backend they never asked for.
   */
  private static final List<String> DEFAULT_LOGS_ROUTE = List.of();

  private final SectionConfig root;
  private final String serviceName;
  private final String serviceVersion;
  private final String environment;
  private final boolean strict;
  private final Map<Signal, List<String>> routing = new EnumMap<>(Signal.class);
  private final int maxNameLength;
  private final int maxStringLength;
  private final int maxCardinality;
  private final Duration warningInterval;
  private final int maxScopeTags;
  private final int maxScopeContexts;
  private final int maxBreadcrumbs;
  private final int maxMetricNames;
  private final boolean shutdownHook;
  private final Duration shutdownTimeout;
  private final List<String> scrubKeys;
  private final HttpSettings http;
  private final String logsLevel;
  private final int logsMaxPerSecond;
  private final int logsMaxAttributes;
  private final List<String> propagation;

  /** Reads and validates every core key from {@code root}; problems go to its state. */
  CoreSettings(SectionConfig root, Set<String> availableBackends) {
    this.root = root;
    SectionConfig service = root.section("service");
    String name = service.getString("name", DEFAULT_SERVICE_NAME);
    // "${SERVICE_NAME}" with the variable unset yields "": fall back rather than send no name.
    this.serviceName = name == null || name.isBlank() ? DEFAULT_SERVICE_NAME : name.trim();
    this.serviceVersion = service.getString("version", "").trim();
    this.environment = service.getString("environment", "").trim();
    this.strict = root.getBoolean("strict", false);

    SectionConfig routes = root.section("routing");
    Set<String> allowed = new TreeSet<>(WELL_KNOWN_BACKENDS);
    allowed.addAll(availableBackends);
    for (Signal signal : Signal.values()) {
      routing.put(signal, route(routes, signal, allowed));
    }

    SectionConfig limits = root.section("limits");
    this.maxNameLength = limits.getInt("max_name_length", 255, 1, 65_536);
    this.maxStringLength = limits.getInt("max_string_length", 4096, 1, 1_048_576);
    this.maxCardinality = limits.getInt("max_cardinality", 1000, 1, 1_000_000);
    this.warningInterval = limits.getDuration("warning_interval", Duration.ofSeconds(60));
    this.maxScopeTags = limits.getInt("max_scope_tags", 200, 1, 100_000);
    this.maxScopeContexts = limits.getInt("max_scope_contexts", 50, 1, 10_000);
    this.maxBreadcrumbs = limits.getInt("max_breadcrumbs", 100, 1, 10_000);
    this.maxMetricNames = limits.getInt("max_metric_names", 2000, 1, 1_000_000);
    this.shutdownHook = root.getBoolean("shutdown_hook", true);
    this.shutdownTimeout = root.getDuration("shutdown_timeout", Duration.ofSeconds(5));

    SectionConfig scrubbing = root.section("scrubbing");
    Set<String> keys = new LinkedHashSet<>();
    scrubbing.getStringList("keys", DEFAULT_SCRUB_KEYS)
        .forEach(key -> keys.add(key.trim().toLowerCase(Locale.ROOT)));
    scrubbing.getStringList("extra_keys", List.of())
        .forEach(key -> keys.add(key.trim().toLowerCase(Locale.ROOT)));
    this.scrubKeys = List.copyOf(keys);
    this.http = HttpSettings.read(root.section("http"));

    SectionConfig logs = root.section("logs");
    this.logsLevel = logs.getChoice("level", "info", "trace", "debug", "info", "warn", "error", "fatal");
    this.logsMaxPerSecond = logs.getInt("max_per_second", 1000, 1, 100_000_000);
    this.logsMaxAttributes = logs.getInt("max_attributes", 64, 0, 1024);
    this.propagation = propagation(root);
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

  /**
   * {@code propagation}: the formats {@code inject} writes and {@code extract} reads, lower-case,
   * in order; empty for {@code none}. Default {@code [tracecontext, baggage]}.
   */
  public List<String> propagation() {
    return propagation;
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

  /** {@code service.name}; never blank, default {@value #DEFAULT_SERVICE_NAME}. */
  public String serviceName() {
    return serviceName;
  }

  /** {@code service.version}; default empty. */
  public String serviceVersion() {
    return serviceVersion;
  }

  /** {@code service.environment} ({@code production}, ...); default empty. */
  public String environment() {
    return environment;
  }

  /** {@code strict}: whether a signal without a working backend is an init error; default false. */
  public boolean strict() {
    return strict;
  }

  /**
   * {@code routing.<signal>}: lower-case backend names in order, without duplicates; empty for
   * {@code none}. Default {@code [console]}, for logs none. For traces the first name is the primary and {@code
   * both} means {@code [otel, sentry]}.
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

  /** {@code limits.max_name_length}: longest metric/span/event name accepted; default 255. */
  public int maxNameLength() {
    return maxNameLength;
  }

  /** {@code limits.max_string_length}: longest string value kept; default 4096. */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** {@code limits.max_cardinality}: distinct label sets per metric; default 1000. */
  public int maxCardinality() {
    return maxCardinality;
  }

  /** {@code limits.warning_interval}: at most one warning per kind per interval; default 60s. */
  public Duration warningInterval() {
    return warningInterval;
  }

  /** The {@code http:} section (HTTP server and client integrations). */
  public HttpSettings http() {
    return http;
  }

  /** {@code limits.max_scope_tags}: tags one scope (process-wide or request) holds; default 200. */
  public int maxScopeTags() {
    return maxScopeTags;
  }

  /** {@code limits.max_scope_contexts}: named contexts one scope holds; default 50. */
  public int maxScopeContexts() {
    return maxScopeContexts;
  }

  /** {@code limits.max_breadcrumbs}: breadcrumbs one scope keeps, the oldest evicted; default 100. */
  public int maxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  /** {@code limits.max_metric_names}: distinct metric names accepted; default 2000. */
  public int maxMetricNames() {
    return maxMetricNames;
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
   * {@code scrubbing.keys} (replaces the defaults, {@link #DEFAULT_SCRUB_KEYS}) plus {@code
   * scrubbing.extra_keys} (added), lower-case, without duplicates.
   */
  public List<String> scrubKeys() {
    return scrubKeys;
  }

  /** {@code logs.level}: the least severe log level sent on, lower case; default {@code info}. */
  public String logsLevel() {
    return logsLevel;
  }

  /** {@code logs.max_per_second}: log records sent on per second (burst included); default 1000. */
  public int logsMaxPerSecond() {
    return logsMaxPerSecond;
  }

  /** {@code logs.max_attributes}: attributes kept per log record; default 64. */
  public int logsMaxAttributes() {
    return logsMaxAttributes;
  }

  /**
   * {@code <name>.enabled}, default true. Reading it here makes {@code enabled} a known key of
   * every backend section.
   */
  public boolean backendEnabled(String name) {
    return root.section(name.toLowerCase(Locale.ROOT)).getBoolean("enabled", true);
  }
}
