package dev.obskit.spring.boot;

import dev.obskit.api.Observability;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Owns the SDK instance the starter creates: builds it from the Spring environment and closes it
 * with its deadline when the application context closes. The {@code Observability} bean is
 * taken from here, so that every bean using it is destroyed (and has recorded its last
 * telemetry) before this one flushes and closes the backends.
 */
public final class ObskitSdk implements DisposableBean {
  private static final System.Logger LOG = System.getLogger("dev.obskit.spring");
  private final Observability observability;
  private final Duration closeTimeout;

  ObskitSdk(ConfigurableEnvironment environment, List<ObskitBuilderCustomizer> customizers) {
    SpringEnvironmentConfig config = SpringEnvironmentConfig.read(environment);
    // The context owns the lifecycle (destroy below, after every bean using the SDK): the SDK's
    // own JVM shutdown hook would race Spring's and close it under beans still recording. It is
    // off as a default of the properties layer (SpringEnvironmentConfig), so that
    // obskit.shutdown_hook: true can still turn it on for an application that wants it.
    ObservabilitySdk.Builder builder = ObservabilitySdk.builder();
    if (config.configFile() != null) {
      builder.configFile(config.configFile());
    }
    builder.configYaml(config.yaml());
    customizers.forEach(c -> c.customize(builder));
    try {
      this.observability = builder.build();
    } catch (ConfigurationException e) {
      throw config.withSpringOrigins(e);
    }
    this.closeTimeout = environment.getProperty(SpringEnvironmentConfig.PREFIX + "close-timeout", Duration.class,
        Duration.ofSeconds(5));
  }

  /** The SDK instance. */
  public Observability observability() {
    return observability;
  }

  /** How long {@link #destroy()} waits for the backends to flush and close ({@code obskit.close-timeout}). */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  @Override
  public void destroy() {
    if (!observability.close(closeTimeout)) {
      LOG.log(System.Logger.Level.WARNING, "obskit: some backends did not finish flushing within "
          + "obskit.close-timeout=" + closeTimeout + "; see the close_timeouts.* self-metrics");
    }
  }
}
