package dev.obskit.examples.question;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obskit.spring.boot.test.AutoConfigureObskitTestkit;
import dev.obskit.testkit.TestTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The question service as a client sees it: POST /runs answers a RunSummary, the pipeline's telemetry nests under the request. */
@SpringBootTest(classes = QuestionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=question-service", "server.port=0"})
@AutoConfigureObskitTestkit
class QuestionServiceTest {
  @LocalServerPort
  int port;

  @Autowired
  TestTelemetry telemetry;

  private HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRunAnswersItsSummaryAndReportsThroughTheFacade() throws Exception {
    HttpResponse<String> response = post("/runs?items=6");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"generated\":5", "\"evaluated\":4", "\"deduplicated\":1",
        "\"stored\":3", "\"errors\":2");
    await().atMost(Duration.ofSeconds(5)).until(() -> !telemetry.spans("http post /runs").isEmpty()
        && telemetry.spans("http post /runs").get(0).ended());
    assertThat(telemetry)
        .hasTraceTree("http post /runs > [pipeline.run > [generate > [generate.question, generate.question,"
            + " generate.question, generate.question, generate.question, generate.question], evaluate >"
            + " [evaluate.question, evaluate.question, evaluate.question, evaluate.question, evaluate.question],"
            + " deduplicate, store]]")
        .hasCounter("questions.generated").withTotal(5)
        .and().hasError(dev.obskit.examples.ProviderTimeoutException.class).inSpanNamed("generate.question");
    // Handled pipeline errors are warnings the pipeline captured itself; the request succeeded.
    assertThat(telemetry.errors()).hasSize(2);
  }

  @Test
  void aBadItemCountIsTheClientsMistake() throws Exception {
    assertThat(post("/runs?items=0").statusCode()).isEqualTo(400);
    await().atMost(Duration.ofSeconds(5)).until(() -> !telemetry.spans("http post /runs").isEmpty());
    assertThat(telemetry).hasNoErrors();
  }
}
