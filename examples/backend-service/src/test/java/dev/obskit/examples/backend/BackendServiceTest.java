package dev.obskit.examples.backend;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.api.Labels;
import dev.obskit.api.SpanKind;
import dev.obskit.examples.question.QuestionServiceApplication;
import dev.obskit.spring.boot.test.AutoConfigureObskitTestkit;
import dev.obskit.spring.boot.test.ObskitTestkitConfiguration;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backend and the real question service, each a Spring Boot application on 127.0.0.1 with
 * its telemetry on the testkit's memory backend, driven over HTTP as a client would.
 */
@SpringBootTest(classes = BackendServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=backend-service", "server.port=0"})
@AutoConfigureObskitTestkit
class BackendServiceTest {
  private static ConfigurableApplicationContext questionService;

  @DynamicPropertySource
  static void questionServiceUrl(DynamicPropertyRegistry registry) {
    questionService = QuestionServiceApplication.application().sources(ObskitTestkitConfiguration.class)
        .run("--server.port=0");
    registry.add("question-service.url", () -> "http://127.0.0.1:" + questionService.getEnvironment()
        .getProperty("local.server.port"));
  }

  @AfterAll
  static void stopQuestionService() {
    if (questionService != null) {
      questionService.close();
    }
  }

  @LocalServerPort
  int port;

  @Autowired
  TestTelemetry backend;

  private final HttpClient http = HttpClient.newHttpClient();

  private TestTelemetry questions() {
    return questionService.getBean(TestTelemetry.class);
  }

  @BeforeEach
  void clearTheQuestionService() {
    questions().reset();
  }

  private HttpResponse<String> send(String method, String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header(UserContextMiddleware.USER_HEADER, user);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Spring ends a request's observation right after the response is written: wait for the span. */
  private static RecordedSpan ended(TestTelemetry telemetry, String name) {
    await().atMost(Duration.ofSeconds(5))
        .until(() -> telemetry.spans(name).stream().anyMatch(RecordedSpan::ended));
    return telemetry.spans(name).get(0);
  }

  @Test
  void startingATestIsOneTraceAcrossBothServices() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/tests?adaptive=true&questions=6", "u-1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"stored\":3").contains("\"generated\":5");
    RecordedSpan server = ended(backend, "http post /v1/tests");
    RecordedSpan client = backend.trace(server.traceId()).stream().filter(s -> s.kind() == SpanKind.CLIENT)
        .findFirst().orElseThrow(() -> new AssertionError(backend.summary()));
    RecordedSpan runs = ended(questions(), "http post /runs");

    assertThat(client.parentSpanId()).isEqualTo(server.spanId());
    assertThat(runs.traceId()).as("the question service continues the backend's trace").isEqualTo(server.traceId());
    assertThat(runs.parentSpanId()).isEqualTo(client.spanId());
    assertThat(questions()).hasSpan("pipeline.run").hasParent("http post /runs")
        .and().hasCounter("questions.generated").withTotal(5);
    assertThat(backend)
        .hasSpan("create test session").hasParent("http post /v1/tests")
        .and().hasCounter("test.sessions.started").withLabels(Labels.of("adaptive", "true")).withTotal(1)
        .and().hasCounter("questions.generated").withLabels(Labels.of("question_type", "mixed")).withTotal(3)
        .and().hasHistogram("http.server.requests").withCount(1)
        .and().hasNoErrors();
  }

  @Test
  void aFailingScoreIsCapturedOnceWithItsRequestAndOnlyItsUser() throws Exception {
    String body = send("POST", "/v1/tests", "u-1").body();
    long id = Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
    ended(backend, "http post /v1/tests");
    backend.reset();

    HttpResponse<String> response = send("POST", "/v1/tests/" + id + "/score", "u-2");

    assertThat(response.statusCode()).isEqualTo(503);
    RecordedSpan server = ended(backend, "http post /v1/tests/{id}/score");
    assertThat(backend.errors()).hasSize(1);
    assertThat(backend).hasError(Errors.ScoringUnavailableException.class)
        .withMessageContaining("session " + id).inSpanNamed("http post /v1/tests/{id}/score")
        .withBreadcrumb("http.request");
    assertThat(backend.errors().get(0).spanContext().traceId()).isEqualTo(server.traceId());
    assertThat(backend.errors().get(0).user().id()).isEqualTo("u-2");
    assertThat(backend).hasCounter("app.errors")
        .withLabels(Labels.of("error_type", "ScoringUnavailable", "path", "/v1/tests/{id}/score")).withTotal(1);
  }

  @Test
  void anUnknownTestIsA404ThatIsCountedButNotCaptured() throws Exception {
    assertThat(send("GET", "/v1/tests/999", "u-3").statusCode()).isEqualTo(404);

    ended(backend, "http get /v1/tests/{id}");
    assertThat(backend).hasNoErrors()
        .hasCounter("app.errors").withLabels(Labels.of("error_type", "TestNotFound", "path", "/v1/tests/{id}"))
        .withTotal(1);
  }
}
