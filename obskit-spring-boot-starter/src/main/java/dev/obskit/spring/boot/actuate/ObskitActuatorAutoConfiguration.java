package dev.obskit.spring.boot.actuate;

import dev.obskit.api.Observability;
import dev.obskit.spring.boot.ObskitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Actuator's health and info entries for obskit, when Actuator is on the class path. */
@AutoConfiguration(after = ObskitAutoConfiguration.class)
@ConditionalOnBean(Observability.class)
public class ObskitActuatorAutoConfiguration {

  /** {@code /actuator/health} component {@code obskit}; off with {@code management.health.obskit.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("obskit")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "obskitHealthIndicator")
    ObskitHealthIndicator obskitHealthIndicator(Observability observability) {
      return new ObskitHealthIndicator(observability);
    }
  }

  /** {@code /actuator/info} entry {@code obskit}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
  static class InfoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ObskitInfoContributor obskitInfoContributor(Observability observability) {
      return new ObskitInfoContributor(observability);
    }
  }
}
