package dev.obskit.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.spring.boot.ObskitAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Health and info entries over the real backends (Sentry with a DSN nobody listens on, OTel with no exporter). */
class ObskitActuatorTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObskitAutoConfiguration.class, ObskitActuatorAutoConfiguration.class))
      .withPropertyValues("obskit.service.name=checkout", "obskit.routing.errors=sentry",
          "obskit.routing.metrics=otel", "obskit.routing.traces=otel", "obskit.routing.events=none",
          "obskit.sentry.dsn=http://secretkey@127.0.0.1:9/42", "obskit.otel.metrics.exporter=none",
          "obskit.otel.traces.exporter=none");

  @Test
  void healthShowsEachBackendAndDrops() {
    runner.run(context -> {
      Health health = context.getBean(ObskitHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> backends = (Map<String, Map<String, Object>>) health.getDetails().get("backends");
      assertThat(backends).containsOnlyKeys("sentry", "otel");
      assertThat(backends.get("sentry")).containsEntry("state", "serving").containsEntry("drops", 0L);
      assertThat(health.getDetails()).containsEntry("droppedSinceStart", 0L).containsEntry("service", "checkout");

      context.getBean(dev.obskit.api.Observability.class).recordMetric("", 1, dev.obskit.api.Labels.empty(),
          dev.obskit.api.MetricType.COUNTER);
      Health after = context.getBean(ObskitHealthIndicator.class).health();
      assertThat(after.getDetails()).containsEntry("droppedSinceStart", 1L);
      assertThat(after.getDetails().get("dropped")).isEqualTo(Map.of("dropped.invalid_name", 1L));
    });
  }

  @Test
  void healthNamesABackendThatIsOffAndWhy() {
    runner.withPropertyValues("obskit.sentry.dsn=").run(context -> {
      Health health = context.getBean(ObskitHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP); // telemetry never takes the application down
      assertThat(health.getDetails().get("backends").toString()).contains("sentry={state=off, reason=");
    });
  }

  @Test
  void healthIsOutOfServiceOnceClosed() {
    runner.run(context -> {
      context.getBean(dev.obskit.api.Observability.class).close(java.time.Duration.ofSeconds(2));
      assertThat(context.getBean(ObskitHealthIndicator.class).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    });
  }

  @Test
  void infoShowsTheEffectiveConfigurationWithSecretsMasked() {
    runner.run(context -> {
      Info.Builder builder = new Info.Builder();
      context.getBean(ObskitInfoContributor.class).contribute(builder);
      String info = builder.build().getDetails().get("obskit").toString();
      assertThat(info).contains("name=checkout").contains("errors=[sentry]").contains("traces=[otel]")
          .contains("127.0.0.1").doesNotContain("secretkey");
    });
  }

  @Test
  void healthCanBeTurnedOff() {
    runner.withPropertyValues("management.health.obskit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ObskitHealthIndicator.class));
  }
}
