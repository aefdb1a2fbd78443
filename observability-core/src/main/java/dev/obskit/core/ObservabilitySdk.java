package dev.obskit.core;

import dev.obskit.api.GlobalObservability;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.config.ConfigInputs;
import dev.obskit.core.internal.SdkAssembly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates an {@link Observability} from configuration: a YAML file or text, {@code OBS_*}
 * environment variables and programmatic settings (builder &gt; environment &gt; file &gt;
 * defaults). Backends are discovered with {@link java.util.ServiceLoader} or passed explicitly;
 * only those that routing names are created.
 *
 * <pre>{@code
 * Observability obs = ObservabilitySdk.builder()
 *     .serviceName("question-service")
 *     .configFile(Path.of("config/observability.yaml"))
 *     .route(Signal.TRACES, "otel", "sentry")
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} reports every configuration problem at once in a {@link
 * ConfigurationException}, and logs one effective-configuration summary (logger {@code
 * dev.obskit}, level INFO).
 */
public final class ObservabilitySdk {
  private ObservabilitySdk() {}

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects configuration and builds the SDK. Not thread-safe; build once. */
  public static final class Builder {
    private final ConfigInputs.Builder inputs = ConfigInputs.builder();
    private Map<String, String> env;
    private final List<BackendProvider> providers = new ArrayList<>();
    private ClassLoader classLoader;

    private Builder() {}

    /** Sets {@code service.name}. */
    public Builder serviceName(String serviceName) {
      return set("service.name", serviceName);
    }

    /** Sets {@code service.version}. */
    public Builder serviceVersion(String serviceVersion) {
      return set("service.version", serviceVersion);
    }

    /** Sets {@code service.environment} ({@code production}, {@code staging}, ...). */
    public Builder environment(String environment) {
      return set("service.environment", environment);
    }

    /** Reads a YAML configuration file. */
    public Builder configFile(Path file) {
      inputs.configFile(file);
      return this;
    }

    /** Inline YAML, applied over the file (convenient in tests). */
    public Builder configYaml(String yaml) {
      inputs.configYaml(yaml);
      return this;
    }

    /**
     * Sets any dotted key ({@code routing.errors}, {@code sentry.dsn}); highest precedence.
     * Values may be String, Number, Boolean or a List of those; a later call for the same key wins.
     */
    public Builder set(String dottedKey, Object value) {
      inputs.set(Objects.requireNonNull(dottedKey, "key"), value);
      return this;
    }

    /** Routes {@code signal} to {@code backends} (first = primary for traces); none for no backend. */
    public Builder route(Signal signal, String... backends) {
      Objects.requireNonNull(signal, "signal");
      return set("routing." + signal.configName(), backends.length == 0 ? List.of("none") : Arrays.asList(backends));
    }

    /**
     * Whether a JVM shutdown hook closes the SDK at exit ({@code shutdown_hook}, default true).
     * A framework integration that closes the SDK with its own lifecycle turns it off.
     */
    public Builder shutdownHook(boolean enabled) {
      return set("shutdown_hook", enabled);
    }

    /** Adds a provider explicitly; it wins over a discovered provider with the same name. */
    public Builder provider(BackendProvider provider) {
      providers.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** The environment variables to read {@code OBS_*} overrides from; defaults to {@link System#getenv()}. */
    public Builder environmentVariables(Map<String, String> variables) {
      this.env = variables == null ? Map.of() : new LinkedHashMap<>(variables);
      return this;
    }

    /** The class loader for {@link java.util.ServiceLoader} discovery; defaults to the context class loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = loader;
      return this;
    }

    /**
     * Builds the SDK.
     *
     * @throws ConfigurationException listing every configuration problem
     */
    public Observability build() {
      ClassLoader loader = classLoader;
      if (loader == null) {
        loader = Thread.currentThread().getContextClassLoader();
      }
      if (loader == null) {
        loader = ObservabilitySdk.class.getClassLoader();
      }
      return SdkAssembly.build(inputs.env(env != null ? env : System.getenv()).build(), providers, loader);
    }

    /**
     * Builds the SDK and sets it as {@link GlobalObservability}.
     *
     * @throws IllegalStateException if a global instance was already set (the SDK is closed again)
     */
    public Observability buildAndRegisterGlobal() {
      Observability obs = build();
      try {
        GlobalObservability.set(obs);
      } catch (RuntimeException e) {
        obs.close();
        throw e;
      }
      return obs;
    }
  }
}
