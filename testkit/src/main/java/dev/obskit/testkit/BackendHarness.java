package dev.obskit.testkit;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.internal.SdkAssembly;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates one backend the way the SDK does (the SDK's own assembly: real configuration and
 * validation, a real {@link BackendContext}, the check that the backend has a sink for each
 * signal), without routing or the facade, so that backend tests and the {@link
 * BackendCompatibilityKit} exercise a backend's sinks directly.
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
   * @throws ConfigurationException on bad or unknown keys, when the backend fails to start, or
   *     when it offers no sink for one of {@code signals}; the backend is closed first
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
     * @throws ConfigurationException on bad or unknown keys, a failed start or a missing sink
     */
    public Created create() {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("service.name", serviceName);
      values.put("service.version", serviceVersion);
      values.put("service.environment", environment);
      // The whole section as one builder value: nested maps stay maps, as they would from YAML.
      if (!section.isEmpty()) {
        values.put(provider.name().trim().toLowerCase(Locale.ROOT), new LinkedHashMap<>(section));
      }
      SdkAssembly.CreatedBackend created = SdkAssembly.createBackend(values, provider, signals, primary, currentSpan);
      return new Created(created.backend(), created.selfMetrics());
    }
  }

  /** A created backend and the self-metrics its context counts into. Close it to release the backend. */
  public static final class Created implements AutoCloseable {
    private final Backend backend;
    private final SelfMetrics selfMetrics;

    Created(Backend backend, SelfMetrics selfMetrics) {
      this.backend = backend;
      this.selfMetrics = selfMetrics;
    }

    /** The running backend. */
    public Backend backend() {
      return backend;
    }

    /** The self-metrics the backend's context counts into. */
    public SelfMetrics selfMetrics() {
      return selfMetrics;
    }

    /** Closes the backend (5 s deadline). */
    @Override
    public void close() {
      backend.close(Duration.ofSeconds(5));
    }
  }
}
