package dev.obskit.examples.backend.migration;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.api.Counter;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.spring.boot.ObskitBuilderCustomizer;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.sentry.Sentry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * docs/migration.md, one test per step: the backend's failing route and its error metric, at
 * each step of the migration, on a real Spring MVC app on 127.0.0.1, with the real Sentry
 * SDK sending to a local Sentry-protocol server and the real OpenTelemetry SDK. Every step keeps
 * the app working: the 503, one error event in Sentry, the error counted. Step 4 (the facade
 * alone) is the backend-service itself ({@code BackendServiceTest}).
 */
class MigrationStepsTest {
  private static final String MESSAGE = "scoring engine unavailable";
  private SentryTestServer sentry;
  private ConfigurableApplicationContext app;

  @BeforeEach
  void startSentry() {
    sentry = SentryTestServer.start();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    Sentry.close();
    sentry.close();
  }

  private int score() throws Exception {
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tests/1/score"))
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private ReceivedItem theOneSentryEvent() {
    await().atMost(Duration.ofSeconds(10)).until(() -> !sentry.events().isEmpty());
    // a moment for a second (duplicate) event to arrive, if there were one
    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    assertThat(sentry.events()).hasSize(1);
    return sentry.events().get(0);
  }

  private static SpringApplicationBuilder app(Class<?> config, String... properties) {
    return new SpringApplicationBuilder(config).properties("server.port=0", "server.address=127.0.0.1",
        "spring.config.name=none").properties(properties);
  }

  // ---------------------------------------------------------------- step 1: before

  /** The route every step keeps: scoring fails, the exception handler answers 503. */
  @RestController
  static class Routes {
    @PostMapping("/v1/tests/1/score")
    Map<String, Object> score() {
      throw new IllegalStateException(MESSAGE);
    }
  }

  /** Step 1 and 2: ApplicationMetrics on the OpenTelemetry SDK the app sets up itself. */
  static class DirectOtelMetrics {
    final InMemoryMetricReader reader = InMemoryMetricReader.create();
    final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final LongCounter errors = provider.get("backend").counterBuilder("app.errors").build();

    void recordError(String errorType, String path) {
      errors.add(1, Attributes.of(AttributeKey.stringKey("error_type"), errorType,
          AttributeKey.stringKey("path"), path));
    }

    long errorCount() {
      long total = 0;
      for (MetricData metric : reader.collectAllMetrics()) {
        if (metric.getName().equals("app.errors")) {
          for (var point : metric.getLongSumData().getPoints()) {
            total += point.getValue();
          }
        }
      }
      return total;
    }
  }

  /** Step 1 and 2: the exception handler reports to Sentry and counts, itself. */
  @RestControllerAdvice
  static class DirectErrors {
    private final DirectOtelMetrics metrics;

    DirectErrors(DirectOtelMetrics metrics) {
      this.metrics = metrics;
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<String> unavailable(IllegalStateException e) {
      Sentry.captureException(e);
      metrics.recordError("ScoringUnavailable", "/v1/tests/{id}/score");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(e.getMessage());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import({Routes.class, DirectErrors.class})
  static class Step1 {
    @Bean(destroyMethod = "close")
    SdkMeterProvider meterProvider(DirectOtelMetrics metrics) {
      return metrics.provider;
    }

    @Bean
    DirectOtelMetrics metrics() {
      return new DirectOtelMetrics();
    }
  }

  @Test
  void step1TheBackendReportsDirectlyToSentryAndOpenTelemetry() throws Exception {
    Sentry.init(options -> options.setDsn(sentry.dsn()));
    app = app(Step1.class, "spring.autoconfigure.exclude=dev.obskit.spring.boot.ObskitAutoConfiguration").run();

    assertThat(score()).isEqualTo(503);

    assertThat(theOneSentryEvent().getString("exception.values.0.value")).isEqualTo(MESSAGE);
    assertThat(app.getBean(DirectOtelMetrics.class).errorCount()).isEqualTo(1);
    assertThat(app.getBeansOfType(Observability.class)).isEmpty();
  }

  // ---------------------------------------------------------------- step 2: facade next to them

  @Test
  void step2TheStarterTracesRequestsWhileSentryAndOpenTelemetryStayDirect() throws Exception {
    Sentry.init(options -> options.setDsn(sentry.dsn()));
    TestTelemetry traces = new TestTelemetry();
    // The facade takes the traces only; errors stay with the direct Sentry call for now.
    app = app(Step1.class, "obskit.routing.traces=memory", "obskit.routing.errors=none",
        "obskit.routing.metrics=none", "obskit.routing.events=none")
        .initializers(c -> c.getBeanFactory().registerSingleton("memory",
            (ObskitBuilderCustomizer) b -> b.provider(new MemoryBackendProvider(traces))))
        .run();

    assertThat(score()).isEqualTo(503);

    ReceivedItem event = theOneSentryEvent();
    assertThat(event.getString("exception.values.0.value")).isEqualTo(MESSAGE);
    assertThat(app.getBean(DirectOtelMetrics.class).errorCount()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !traces.spans("http post /v1/tests/1/score").isEmpty());
    assertThat(traces).hasSpan("http post /v1/tests/1/score");
  }

  // ---------------------------------------------------------------- step 3: the facade takes errors and metrics

  /** Step 3: ApplicationMetrics keeps its interface and delegates to the facade. */
  static class FacadeMetrics {
    private final Counter errors;

    FacadeMetrics(Observability obs) {
      this.errors = obs.counter("app.errors");
    }

    void recordError(String errorType, String path) {
      errors.add(1, Labels.of("error_type", errorType, "path", path));
    }
  }

  /** Step 3: the handler only maps and counts; the starter captures the 5xx's error once. */
  @RestControllerAdvice
  static class FacadeErrors {
    private final FacadeMetrics metrics;

    FacadeErrors(FacadeMetrics metrics) {
      this.metrics = metrics;
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<String> unavailable(IllegalStateException e) {
      metrics.recordError("ScoringUnavailable", "/v1/tests/{id}/score");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(e.getMessage());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import({Routes.class, FacadeErrors.class})
  static class Step3 {
    @Bean
    FacadeMetrics metrics(Observability obs) {
      return new FacadeMetrics(obs);
    }
  }

  @Test
  void step3TheFacadeCapturesTheErrorAndRecordsTheMetricNoDirectSdkCall() throws Exception {
    TestTelemetry telemetry = new TestTelemetry();
    app = app(Step3.class, "obskit.routing.errors=sentry", "obskit.sentry.dsn=" + sentry.dsn(),
        "obskit.routing.traces=memory", "obskit.routing.metrics=memory", "obskit.routing.events=none")
        .initializers(c -> c.getBeanFactory().registerSingleton("memory",
            (ObskitBuilderCustomizer) b -> b.provider(new MemoryBackendProvider(telemetry))))
        .run();

    assertThat(score()).isEqualTo(503);

    ReceivedItem event = theOneSentryEvent();
    assertThat(event.getString("exception.values.0.value")).isEqualTo(MESSAGE);
    await().atMost(Duration.ofSeconds(5)).until(() -> !telemetry.spans("http post /v1/tests/1/score").isEmpty());
    assertThat(event.traceId()).as("the error carries its request's trace")
        .isEqualTo(telemetry.spans("http post /v1/tests/1/score").get(0).traceId());
    assertThat(telemetry).hasCounter("app.errors")
        .withLabels(Labels.of("error_type", "ScoringUnavailable", "path", "/v1/tests/{id}/score")).withTotal(1);
  }
}
