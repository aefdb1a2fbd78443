package dev.obskit.spring.boot.web;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.spring.boot.test.AutoConfigureObskitTestkit;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real Spring MVC application on Tomcat, driven over HTTP: Spring's observations become obskit
 * spans, W3C context crosses the boundary both ways, errors are captured once.
 */
@SpringBootTest(classes = DemoWebApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "spring.application.name=demo-web",
        "management.endpoint.health.show-details=always"})
@AutoConfigureObskitTestkit
class SpringMvcObservationTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  @LocalServerPort
  int port;

  @Autowired
  TestTelemetry telemetry;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The server span named {@code name}. Spring ends a request's observation after the response
   * is written, so the client may read it a moment before the span ends: wait for it.
   */
  private RecordedSpan serverSpan(String name) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> telemetry.spans().stream().anyMatch(s -> s.name().equals(name) && s.ended()));
    return telemetry.spans().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aRequestContinuesTheCallersTraceAndNestsTheApplicationsSpans() throws Exception {
    HttpResponse<String> response = get("/hello/ada", "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedSpan server = serverSpan("http get /hello/{name}");
    assertThat(server.traceId()).isEqualTo(TRACE_ID);
    assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(telemetry)
        .hasTraceTree("http get /hello/{name} > [greet]")
        .hasSpan("greet").withAttribute("name", "ada").hasParent("http get /hello/{name}")
        .and().hasCounter("greetings").withTotal(1)
        .and().hasNoErrors();
  }

  @Test
  void anOutgoingRestClientCallCarriesTheTraceToTheNextService() throws Exception {
    assertThat(get("/relay?port=" + port).body()).isEqualTo("hello relay");

    RecordedSpan outer = serverSpan("http get /relay");
    serverSpan("http get /hello/{name}");
    List<RecordedSpan> trace = telemetry.trace(outer.traceId());
    // server /relay > client GET > server /hello/{name} (same process, over real HTTP) > greet
    RecordedSpan client = trace.stream().filter(s -> s.kind() == dev.obskit.api.SpanKind.CLIENT).findFirst()
        .orElseThrow(() -> new AssertionError(telemetry.summary()));
    RecordedSpan inner = trace.stream().filter(s -> s.name().equals("http get /hello/{name}")).findFirst()
        .orElseThrow(() -> new AssertionError(telemetry.summary()));
    assertThat(client.parentSpanId()).isEqualTo(outer.spanId());
    assertThat(inner.parentSpanId()).isEqualTo(client.spanId());
    assertThat(trace).hasSize(4);
  }

  @Test
  void anExceptionThatEscapesIsCapturedOnceWithTheRequestsSpan() throws Exception {
    assertThat(get("/fail?user=u-17").statusCode()).isEqualTo(500);

    RecordedSpan server = serverSpan("http get /fail");
    assertThat(telemetry.errors()).hasSize(1);
    assertThat(telemetry)
        .hasError(IllegalStateException.class).withMessageContaining("boom for u-17");
    assertThat(telemetry.errors().get(0).spanContext().spanId()).isEqualTo(server.spanId());
    assertThat(telemetry.errors().get(0).spanContext().traceId()).isEqualTo(server.traceId());
    assertThat(server.status()).isEqualTo(dev.obskit.api.SpanStatus.ERROR);
  }

  @Test
  void eachRequestsErrorCarriesOnlyItsOwnUser() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<HttpResponse<String>>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String user = "user-" + i;
        calls.add(pool.submit(() -> get("/fail?user=" + user)));
      }
      for (var call : calls) {
        assertThat(call.get().statusCode()).isEqualTo(500);
      }
    } finally {
      pool.shutdownNow();
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> telemetry.errors().size() == 12);
    for (var error : telemetry.errors()) {
      String user = error.error().getMessage().substring("boom for ".length());
      assertThat(error.user()).as("error %s", error.error().getMessage()).isNotNull();
      assertThat(error.user().id()).isEqualTo(user);
    }
    assertThat(telemetry.user()).as("the process-wide user is untouched").isNull();
  }

  @Test
  void anExceptionHandlerThatAnswers5xxStillGetsTheErrorCapturedOnce() throws Exception {
    assertThat(get("/unavailable").statusCode()).isEqualTo(503);
    serverSpan("http get /unavailable");

    assertThat(telemetry.errors()).hasSize(1);
    assertThat(telemetry).hasError(DemoWebApp.Unavailable.class).inSpanNamed("http get /unavailable");
  }

  @Test
  void aClientErrorIsOnTheSpanButNotCaptured() throws Exception {
    assertThat(get("/bad").statusCode()).isEqualTo(400);

    assertThat(telemetry).hasNoErrors();
    assertThat(serverSpan("http get /bad").attributes()).containsEntry("status", "400");
  }

  @Test
  void springsHttpServerTimerReachesTheMetricBackendInSeconds() throws Exception {
    get("/hello/grace");
    get("/hello/grace");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> telemetry.spans("http get /hello/{name}").stream().filter(RecordedSpan::ended).count() == 2);

    assertThat(telemetry).hasHistogram("http.server.requests").withCount(2);
    assertThat(telemetry.metric("http.server.requests").orElseThrow().unit()).isEqualTo("s");
  }

  @Test
  void actuatorHealthShowsEachBackendAndTheDrops() throws Exception {
    String health = get("/actuator/health").body();
    assertThat(health).contains("\"obskit\"").contains("\"memory\"").contains("\"state\":\"serving\"")
        .contains("\"droppedSinceStart\"");
  }
}
