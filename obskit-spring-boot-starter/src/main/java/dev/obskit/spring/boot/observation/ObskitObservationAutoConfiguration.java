package dev.obskit.spring.boot.observation;

import dev.obskit.api.Observability;
import dev.obskit.spring.boot.ObskitAutoConfiguration;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link ObskitObservationHandler}, which Spring Boot adds to its {@code
 * ObservationRegistry}, and explains at start-up how it shares the work with Spring Boot's own
 * tracing (Micrometer Tracing bridges) when both are present.
 */
@AutoConfiguration(after = ObskitAutoConfiguration.class,
    beforeName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationHandler.class)
@ConditionalOnBean(Observability.class)
public class ObskitObservationAutoConfiguration {
  private static final System.Logger LOG = System.getLogger("dev.obskit.spring");

  /** The handler, unless turned off or left to Micrometer Tracing (see {@link ObservationHandlerCondition}). */
  @Configuration(proxyBeanMethods = false)
  @Conditional(ObservationHandlerCondition.class)
  static class HandlerConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ObskitObservationHandler obskitObservationHandler(Observability observability) {
      return new ObskitObservationHandler(observability);
    }

    /** Spring MVC: exceptions that an {@code @ExceptionHandler} resolves still reach the observation. */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
        type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"org.springframework.web.servlet.HandlerExceptionResolver",
        "org.springframework.web.filter.ServerHttpObservationFilter"})
    static class MvcConfiguration {
      @Bean
      org.springframework.web.servlet.HandlerExceptionResolver obskitObservationErrorResolver() {
        return new ObservationErrorResolver();
      }
    }
  }

  /** One start-up line when Spring's tracing and obskit meet, so neither tracer runs unnoticed. */
  @Bean
  SmartInitializingSingleton obskitTracingReport(ObjectProvider<ObskitObservationHandler> handler,
      org.springframework.core.env.Environment environment) {
    return () -> {
      List<String> bridges = TracingBridges.present(getClass().getClassLoader());
      if (bridges.isEmpty()) {
        return;
      }
      if (handler.getIfAvailable() != null) {
        LOG.log(System.Logger.Level.WARNING, "obskit: two tracers record Spring's observations: Micrometer Tracing ("
            + String.join(", ", bridges) + ") and obskit (" + ObservationHandlerCondition.PROPERTY
            + "=true). Every request becomes two unrelated traces. Remove the Micrometer Tracing bridge, or set "
            + ObservationHandlerCondition.PROPERTY + "=false to leave observations to it.");
      } else if (!"false".equalsIgnoreCase(environment.getProperty(ObservationHandlerCondition.PROPERTY, "auto"))) {
        LOG.log(System.Logger.Level.INFO, "obskit: Spring's observations are traced by Micrometer Tracing ("
            + String.join(", ", bridges) + "), not by obskit: its ObservationHandler is off so that requests are not"
            + " traced twice. obskit still takes the application's own spans, errors and metrics. To trace"
            + " observations with obskit instead, remove the bridge, or set "
            + ObservationHandlerCondition.PROPERTY + "=true and exclude Spring Boot's tracing auto-configuration"
            + " (spring.autoconfigure.exclude: MicrometerTracingAutoConfiguration, OpenTelemetryTracingAutoConfiguration).");
      }
    };
  }
}
