package dev.obskit.spring.boot.micrometer;

import dev.obskit.api.Observability;
import dev.obskit.spring.boot.ObskitAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers an {@link ObskitMeterRegistry}, so that Spring Boot's Micrometer meters (JVM, HTTP
 * server and client requests, executors, pools, {@code @Timed}, observation timers) go through
 * obskit. Runs before Spring Boot's simple registry, which then backs off; next to another
 * registry (Prometheus, OTLP) Spring Boot puts both in its composite. Off with {@code
 * obskit.micrometer-bridge=false}.
 */
@AutoConfiguration(after = ObskitAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    beforeName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(Observability.class)
@ConditionalOnProperty(prefix = "obskit", name = "micrometer-bridge", havingValue = "true", matchIfMissing = true)
public class ObskitMetricsAutoConfiguration {
  /** The bridge registry; Spring Boot binds its meter binders and customizers to it. */
  @Bean
  @ConditionalOnMissingBean
  ObskitMeterRegistry obskitMeterRegistry(Observability observability,
      org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.Clock> clock) {
    return new ObskitMeterRegistry(observability, clock.getIfAvailable(() -> io.micrometer.core.instrument.Clock.SYSTEM));
  }
}
