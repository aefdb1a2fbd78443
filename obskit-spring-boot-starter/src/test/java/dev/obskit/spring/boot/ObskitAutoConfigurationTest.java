package dev.obskit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.SdkStatus;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ObskitAutoConfigurationTest {
  private final TestTelemetry telemetry = new TestTelemetry();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObskitAutoConfiguration.class))
      .withBean(ObskitBuilderCustomizer.class, () -> b -> b.provider(new MemoryBackendProvider(telemetry)));

  @Test
  void buildsOneSdkFromObskitProperties() {
    runner.withPropertyValues("spring.application.name=orders-app", "obskit.routing.metrics=memory",
        "obskit.routing.errors[0]=memory", "obskit.routing.traces=none", "obskit.routing.events=none",
        "obskit.limits.max_cardinality=2")
        .run(context -> {
          assertThat(context).hasSingleBean(Observability.class);
          Observability obs = context.getBean(Observability.class);
          SdkStatus status = SdkStatus.of(obs).orElseThrow();
          assertThat(status.serviceName()).isEqualTo("orders-app");
          assertThat(status.routing().get(Signal.ERRORS)).containsExactly("memory");
          assertThat(status.routing().get(Signal.TRACES)).isEmpty();
          // limits.max_cardinality=2 reached the core: a third label set is dropped.
          for (String v : List.of("a", "b", "c")) {
            obs.counter("orders.placed").add(1, Labels.of("shop", v));
          }
          assertThat(obs.selfMetrics().get("dropped.cardinality_overflow")).isEqualTo(1);
        });
  }

  @Test
  void valuesWithQuotesBackslashesAndLineBreaksReachTheCoreAsWritten() {
    // The properties reach the core as YAML text: characters that YAML or JSON give a meaning
    // must arrive as the user wrote them.
    String name = "orders \"eu\" \\ #1: {a, b}\n\ttab";
    runner.withPropertyValues("obskit.routing.metrics=memory").withPropertyValues("obskit.service.name=" + name)
        .run(context -> assertThat(SdkStatus.of(context.getBean(Observability.class)).orElseThrow().serviceName())
            .isEqualTo(name.trim()));
  }

  @Test
  void theContextClosesTheSdkSoTheCoresJvmShutdownHookIsOff() {
    runner.withPropertyValues("obskit.routing.metrics=memory").run(context ->
        assertThat(SdkStatus.of(context.getBean(Observability.class)).orElseThrow().closesAtJvmExit()).isFalse());
    runner.withPropertyValues("obskit.routing.metrics=memory", "obskit.shutdown_hook=true").run(context ->
        assertThat(SdkStatus.of(context.getBean(Observability.class)).orElseThrow().closesAtJvmExit()).isTrue());
  }

  @Test
  void jvmSystemPropertiesAreNotObskitConfiguration() {
    System.setProperty("obskit.build_tool_setting", "x");
    try {
      runner.withPropertyValues("obskit.routing.metrics=memory")
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Observability.class));
    } finally {
      System.clearProperty("obskit.build_tool_setting");
    }
  }

  @Test
  void closesTheSdkWhenTheContextCloses() {
    runner.withPropertyValues("obskit.routing.metrics=memory").run(context -> {
      assertThat(telemetry.isClosed()).isFalse();
      context.close();
      assertThat(telemetry.isClosed()).isTrue();
    });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnBean() {
    Observability own = Observability.noop();
    runner.withBean(Observability.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(Observability.class);
      assertThat(context.getBean(Observability.class)).isSameAs(own);
      assertThat(context).doesNotHaveBean(ObskitSdk.class);
    });
  }

  @Test
  void readsObskitConfigFileUnderTheProperties() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("obskit", ".yaml");
    try {
      java.nio.file.Files.writeString(file, "service: {name: from-file}\nrouting: {metrics: memory, errors: memory}\n");
      runner.withPropertyValues("obskit.config-file=" + file, "obskit.routing.errors=none").run(context -> {
        SdkStatus status = SdkStatus.of(context.getBean(Observability.class)).orElseThrow();
        assertThat(status.serviceName()).isEqualTo("from-file");
        assertThat(status.routing().get(Signal.METRICS)).containsExactly("memory");
        assertThat(status.routing().get(Signal.ERRORS)).isEmpty(); // the property wins over the file
      });
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void aBadApplicationYamlFailsStartUpWithEveryProblemAndItsLine() {
    SpringApplicationBuilder app = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
        .properties("spring.config.location=classpath:bad-obskit.yaml");
    assertThatThrownBy(() -> app.run().close())
        .rootCause()
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(3))
        .hasMessageContaining("Invalid observability configuration (3 problems)")
        .hasMessageContaining("obskit.routing.traces = \"zipkin\" (class path resource [bad-obskit.yaml] - 7:13)")
        .hasMessageContaining("obskit.sentry.traces_sample_rate = \"abc\" (class path resource [bad-obskit.yaml] - 10:25)")
        .hasMessageContaining("obskit.routng (class path resource [bad-obskit.yaml] - 12:14)");
  }

  @Test
  void aGoodApplicationYamlConfiguresTheSdk() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
        .web(WebApplicationType.NONE)
        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("memory",
            (ObskitBuilderCustomizer) b -> b.provider(new MemoryBackendProvider(telemetry))))
        .properties("spring.config.location=classpath:good-obskit.yaml").run()) {
      SdkStatus status = SdkStatus.of(context.getBean(Observability.class)).orElseThrow();
      assertThat(status.serviceName()).isEqualTo("orders");
      assertThat(status.environment()).isEqualTo("test");
      assertThat(status.routing().get(Signal.EVENTS)).isEmpty();
      assertThat(status.backends()).containsKey("memory");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @org.springframework.boot.autoconfigure.EnableAutoConfiguration
  static class Empty {
    @Bean
    String marker() {
      return "app";
    }
  }
}
