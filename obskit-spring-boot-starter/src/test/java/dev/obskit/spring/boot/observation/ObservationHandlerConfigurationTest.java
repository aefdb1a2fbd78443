package dev.obskit.spring.boot.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.spring.boot.ObskitAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ObservationHandlerConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObskitAutoConfiguration.class, ObskitObservationAutoConfiguration.class))
      .withPropertyValues("obskit.routing.traces=none", "obskit.routing.errors=none", "obskit.routing.metrics=none",
          "obskit.routing.events=none");

  @Test
  void withoutMicrometerTracingTheHandlerIsOn() {
    assertThat(TracingBridges.present(getClass().getClassLoader())).isEmpty();
    runner.run(context -> assertThat(context).hasSingleBean(ObskitObservationHandler.class));
  }

  @Test
  void itCanBeTurnedOff() {
    runner.withPropertyValues("obskit.observation-handler=false")
        .run(context -> assertThat(context).doesNotHaveBean(ObskitObservationHandler.class));
  }

  @Test
  void anApplicationHandlerReplacesIt() {
    ObskitObservationHandler own = new ObskitObservationHandler(dev.obskit.api.Observability.noop());
    runner.withBean(ObskitObservationHandler.class, () -> own)
        .run(context -> assertThat(context.getBean(ObskitObservationHandler.class)).isSameAs(own));
  }
}
