package dev.obskit.spring.boot;

import dev.obskit.api.Observability;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One {@link Observability} bean built from the {@code obskit.*} properties (the same keys as
 * the YAML configuration file) and/or {@code obskit.config-file}. Backs off when the application
 * defines its own {@code Observability} bean.
 */
@AutoConfiguration
public class ObskitAutoConfiguration {

  /** The SDK, unless the application builds its own. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(Observability.class)
  static class SdkConfiguration {
    @Bean
    ObskitSdk obskitSdk(ConfigurableEnvironment environment, ObjectProvider<ObskitBuilderCustomizer> customizers) {
      return new ObskitSdk(environment, customizers.orderedStream().toList());
    }

    /** Closing is {@link ObskitSdk}'s job, after every bean that uses this one is gone. */
    @Bean(destroyMethod = "")
    Observability observability(ObskitSdk sdk) {
      return sdk.observability();
    }
  }
}
