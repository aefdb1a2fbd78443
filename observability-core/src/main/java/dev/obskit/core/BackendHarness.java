package dev.obskit.core;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.config.ConfigInputs;
import dev.obskit.core.internal.DefaultBackendContext;
import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.KnownBackends;
import dev.obskit.core.internal.SdkSettings;
import dev.obskit.core.internal.SelfMetricsRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates one backend the way the SDK does (a real {@link BackendContext}, real configuration
 * validation) so that backend tests and the testkit's compatibility kit exercise a backend
 * without routing. Not for production use.
 *
 * <pre>{@code
 * try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(),
 *     Map.of("exporter", "none"), EnumSet.of(Signal.TRACES), true)) {
 *   SpanSink spans = created.backend().sinks().traces().orElseThrow();
 *   ...
 *   assertThat(created.selfMetrics().get("otel.export_failures")).isZero();
 * }
 * }</pre>
 */
public final class BackendHarness {
  private BackendHarness() {}

  /**
   * Creates a backend from {@code provider} with {@code section} as its configuration section
   * (the content under the backend's name, e.g. {@code Map.of("dsn", "...")}).
   *
   * @throws ConfigurationException on bad or unknown keys, or when the backend offers no sink for
   *     one of {@code signals}; the backend is closed before the exception is thrown
   */
  public static Created create(BackendProvider provider, Map<String, ?> section, Set<Signal> signals,
      boolean primaryTraceBackend) {
    return builder(provider).section(section).signals(signals).primaryTraceBackend(primaryTraceBackend).create();
  }

  /** A builder for more control (service name, the current span the context reports). */
  public static Builder builder(BackendProvider provider) {
    return new Builder(provider);
  }

  /** Options for {@link #builder(BackendProvider)}. */
  public static final class Builder {
    private final BackendProvider provider;
    private Map<String, ?> section = Map.of();
    private Set<Signal> signals = EnumSet.allOf(Signal.class);
    private boolean primary = true;
    private String serviceName = "harness-service";
    private String serviceVersion = "";
    private String environment = "";
    private Supplier<SpanContext> currentSpan = SpanContext::invalid;

    private Builder(BackendProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The backend's configuration section. */
    public Builder section(Map<String, ?> section) {
      this.section = section == null ? Map.of() : section;
      return this;
    }

    /** The signals routed to the backend (default: all). */
    public Builder signals(Set<Signal> signals) {
      this.signals = signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals);
      return this;
    }

    /** Whether the backend is the primary trace backend (default true). */
    public Builder primaryTraceBackend(boolean primary) {
      this.primary = primary;
      return this;
    }

    /** The service name (default {@code harness-service}). */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** The service version. */
    public Builder serviceVersion(String serviceVersion) {
      this.serviceVersion = serviceVersion;
      return this;
    }

    /** The deployment environment. */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** What {@link BackendContext#currentSpanContext()} reports (default: invalid). */
    public Builder currentSpan(Supplier<SpanContext> currentSpan) {
      this.currentSpan = Objects.requireNonNull(currentSpan, "currentSpan");
      return this;
    }

    /**
     * Creates the backend.
     *
     * @throws ConfigurationException on bad or unknown keys
     */
    public Created create() {
      String name = provider.name().toLowerCase(Locale.ROOT);
      Map<String, Object> overrides = new LinkedHashMap<>();
      overrides.put("service.name", serviceName);
      overrides.put("service.version", serviceVersion);
      overrides.put("service.environment", environment);
      // The whole section as one builder value: nested maps stay maps, as they would from YAML.
      if (!section.isEmpty()) {
        overrides.put(name, new LinkedHashMap<>(section));
      }
      ConfigInputs config = ConfigInputs.builder().overrides(overrides).build();
      SdkSettings settings = SdkSettings.read(config, Set.of(name));
      SelfMetricsRegistry selfMetrics = new SelfMetricsRegistry();
      DefaultBackendContext context = new DefaultBackendContext(name, settings, settings.section(name), signals,
          primary, selfMetrics, new DefaultScrubber(settings.scrubKeys()), currentSpan);
      Backend backend = provider.create(context);
      for (Signal s : signals) {
        if (!backend.sinks().takes(s)) {
          config.addProblem("routing." + s.configName(), name, "backend '" + name + "' does not handle " + s.configName());
        }
      }
      Set<String> known = new HashSet<>(KnownBackends.names());
      known.add(name);
      settings.reportUnknownKeys(known, Set.of(name));
      if (!config.problems().isEmpty()) {
        try {
          backend.close(Duration.ofSeconds(2));
        } catch (RuntimeException ignored) {
          // The configuration problem is the news here.
        }
        throw new ConfigurationException(config.problems());
      }
      return new Created(backend, selfMetrics, context, config.problems());
    }
  }

  /** A created backend with the context it was created with. Close it to release the backend. */
  public static final class Created implements AutoCloseable {
    private final Backend backend;
    private final SelfMetrics selfMetrics;
    private final BackendContext context;
    private final List<ConfigProblem> problems;

    Created(Backend backend, SelfMetrics selfMetrics, BackendContext context, List<ConfigProblem> problems) {
      this.backend = backend;
      this.selfMetrics = selfMetrics;
      this.context = context;
      this.problems = List.copyOf(problems);
    }

    /** The running backend. */
    public Backend backend() {
      return backend;
    }

    /** The self-metrics the backend's context counts into. */
    public SelfMetrics selfMetrics() {
      return selfMetrics;
    }

    /** The context the backend was created with. */
    public BackendContext context() {
      return context;
    }

    /** Configuration problems found (empty: creation fails on any problem). */
    public List<ConfigProblem> problems() {
      return problems;
    }

    /** Closes the backend (5 s deadline). */
    @Override
    public void close() {
      backend.close(Duration.ofSeconds(5));
    }
  }
}
