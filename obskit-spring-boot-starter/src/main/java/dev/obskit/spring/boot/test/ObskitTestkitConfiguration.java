package dev.obskit.spring.boot.test;

import dev.obskit.api.spi.Signal;
import dev.obskit.spring.boot.ObskitBuilderCustomizer;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The beans behind {@link AutoConfigureObskitTestkit}. */
@TestConfiguration(proxyBeanMethods = false)
public class ObskitTestkitConfiguration {

  /** What the application recorded; cleared before each test method. */
  @Bean
  TestTelemetry obskitTestTelemetry() {
    return new TestTelemetry();
  }

  /** Every signal to the memory backend; applied last, so it wins over the application's routing. */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  ObskitBuilderCustomizer obskitTestkitRouting(TestTelemetry telemetry) {
    return builder -> {
      builder.environmentVariables(Map.of()).provider(new MemoryBackendProvider(telemetry));
      for (Signal signal : Signal.values()) {
        builder.route(signal, MemoryBackendProvider.NAME);
      }
    };
  }
}
