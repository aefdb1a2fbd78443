package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.api.Observability;
import dev.obskit.examples.backend.BackendServiceApplication;
import dev.obskit.examples.question.QuestionServiceApplication;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.PrometheusLauncher;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.FreePorts;
import dev.obskit.it.peers.PrometheusPeer;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.PromSamples;
import dev.obskit.it.readback.PromSamples.Sample;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.readback.ZipkinSpans;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two example services (examples/question-service, examples/backend-service) as real Spring Boot applications on the starter, each on its own
 * Tomcat on 127.0.0.1, with real peers: traces to Zipkin, errors to Sentry (Spotlight), metrics
 * to OpenTelemetry's Prometheus exporter scraped by a real Prometheus. The test is the caller: it
 * sends each request with its own {@code traceparent}, so every request's trace id is known.
 */
@RequiresPeers({Peer.ZIPKIN, Peer.SPOTLIGHT, Peer.PROMETHEUS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringServicesIT {
  private static final Duration FIRST_SCRAPE = Duration.ofSeconds(25);
  private static final Duration ARRIVAL = Duration.ofSeconds(20);
  private static final String START_TRACE = "5a1f0000000000000000000000000001";
  private static final String SECOND_START_TRACE = "5a1f0000000000000000000000000002";
  private static final String SCORE_TRACE = "5a1f0000000000000000000000000003";
  private static final String CALLER_SPAN = "c0ffee0000000001";

  private ConfigurableApplicationContext questionService;
  private ConfigurableApplicationContext backendService;
  private ZipkinPeer zipkin;
  private SpotlightPeer spotlight;
  private PrometheusPeer prometheus;
  private int backendMetricsPort;
  private int questionMetricsPort;
  private long sessionId;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static List<String> telemetryArgs(ZipkinPeer zipkin, SpotlightPeer spotlight, int metricsPort) {
    return List.of("--server.port=0", "--server.address=127.0.0.1",
        "--obskit.routing.errors=sentry", "--obskit.routing.metrics=otel", "--obskit.routing.traces=otel",
        "--obskit.routing.events=sentry",
        "--obskit.sentry.dsn=" + spotlight.dsn(),
        "--obskit.otel.traces.exporter=zipkin", "--obskit.otel.zipkin.endpoint=" + zipkin.endpoint(),
        "--obskit.otel.traces.batch.schedule_delay=100ms",
        "--obskit.otel.metrics.exporter=prometheus", "--obskit.otel.prometheus.host=127.0.0.1",
        "--obskit.otel.prometheus.port=" + metricsPort);
  }

  @BeforeAll
  void startBothServicesAndDriveThem(ZipkinPeer zipkin, SpotlightPeer spotlight, PrometheusLauncher launcher)
      throws Exception {
    this.zipkin = zipkin;
    this.spotlight = spotlight;
    questionMetricsPort = FreePorts.pick();
    backendMetricsPort = FreePorts.pick();
    questionService = QuestionServiceApplication.application()
        .run(telemetryArgs(zipkin, spotlight, questionMetricsPort).toArray(String[]::new));
    List<String> backendArgs = new ArrayList<>(telemetryArgs(zipkin, spotlight, backendMetricsPort));
    backendArgs.add("--question-service.url=http://127.0.0.1:" + port(questionService));
    backendService = BackendServiceApplication.application().run(backendArgs.toArray(String[]::new));
    prometheus = launcher.start(List.of("127.0.0.1:" + backendMetricsPort, "127.0.0.1:" + questionMetricsPort));

    HttpResponse<String> started = send("/v1/tests?adaptive=true&questions=6", "u-1", START_TRACE);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    sessionId = Long.parseLong(started.body().replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
    assertThat(send("/v1/tests?adaptive=false&questions=6", "u-3", SECOND_START_TRACE).statusCode()).isEqualTo(200);
    HttpResponse<String> score = send("/v1/tests/" + sessionId + "/score", "u-2", SCORE_TRACE);
    assertThat(score.statusCode()).isEqualTo(503);

    // Spring ends a request's observation just after the response; flushing exports what ended.
    Thread.sleep(200);
    assertThat(backendService.getBean(Observability.class).flush(Duration.ofSeconds(10))).isTrue();
    assertThat(questionService.getBean(Observability.class).flush(Duration.ofSeconds(10))).isTrue();
  }

  @AfterAll
  void stopServices() {
    if (backendService != null) {
      backendService.close();
    }
    if (questionService != null) {
      questionService.close();
    }
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private HttpResponse<String> send(String path, String user, String traceId) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(backendService) + path))
        .timeout(Duration.ofSeconds(30))
        .header("X-User-Id", user)
        .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void zipkinHoldsOneTracePerRequestAcrossBothServices() {
    // backend: server, client, "create test session"; question service: server, pipeline.run,
    // generate + 6 generate.question, evaluate + 5 evaluate.question, deduplicate, store.
    List<ObservedSpan> spans = ZipkinSpans.parse(zipkin.awaitTrace(START_TRACE, 20, ARRIVAL));
    String all = spans.stream().map(ObservedSpan::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    assertThat(spans).as("spans:%s", all).hasSize(20);
    Map<String, ObservedSpan> byId = spans.stream().collect(Collectors.toMap(ObservedSpan::spanId, Function.identity()));

    ObservedSpan server = named(spans, "http post /v1/tests", all);
    ObservedSpan client = spans.stream().filter(s -> "CLIENT".equals(s.kind())).findFirst()
        .orElseThrow(() -> new AssertionError("no client span in" + all));
    ObservedSpan runs = named(spans, "http post /runs", all);
    ObservedSpan pipeline = named(spans, "pipeline.run", all);
    ObservedSpan session = named(spans, "create test session", all);

    assertThat(server.parentId()).as("continues the caller's traceparent").isEqualTo(CALLER_SPAN);
    assertThat(server.kind()).isEqualTo("SERVER");
    assertThat(server.serviceName()).isEqualTo("backend-service");
    assertThat(client.parentId()).isEqualTo(server.spanId());
    assertThat(client.serviceName()).isEqualTo("backend-service");
    assertThat(session.parentId()).as("the app's own span nests in the request").isEqualTo(server.spanId());
    assertThat(runs.parentId()).as("the question service continues the backend's client span")
        .isEqualTo(client.spanId());
    assertThat(runs.kind()).isEqualTo("SERVER");
    assertThat(runs.serviceName()).isEqualTo("question-service");
    assertThat(pipeline.parentId()).isEqualTo(runs.spanId());
    for (ObservedSpan span : spans) {
      if (span != server) {
        assertThat(byId).as("parent of %s in%s", span, all).containsKey(span.parentId());
      }
    }
    assertThat(spans).extracting(ObservedSpan::serviceName).containsOnly("backend-service", "question-service");

    // The other requests are traces of their own.
    assertThat(ZipkinSpans.parse(zipkin.awaitTrace(SECOND_START_TRACE, 20, ARRIVAL))).hasSize(20);
    List<ObservedSpan> score = ZipkinSpans.parse(zipkin.awaitTrace(SCORE_TRACE, 1, ARRIVAL));
    assertThat(score).extracting(ObservedSpan::name).containsExactly("http post /v1/tests/{id}/score");
  }

  @Test
  void theFailingRequestsErrorHasItsTraceItsSpanAndOnlyItsUser() {
    String message = "scoring engine unavailable for session " + sessionId;
    ObservedSpan server = ZipkinSpans.parse(zipkin.awaitTrace(SCORE_TRACE, 1, ARRIVAL)).get(0);
    SpotlightPeer.Envelope envelope = spotlight.awaitEnvelope(e -> e.contains(message)
        && SentryEnvelope.parse(e.json()).has("event"), ARRIVAL);
    JsonNode event = SentryEnvelope.parse(envelope.json()).first("event").orElseThrow();

    assertThat(event.path("contexts").path("trace").path("trace_id").asText()).isEqualTo(SCORE_TRACE);
    assertThat(event.path("contexts").path("trace").path("span_id").asText()).isEqualTo(server.spanId());
    assertThat(event.path("user").path("id").asText()).isEqualTo("u-2");
    assertThat(envelope.json()).as("no other request's user").doesNotContain("u-1").doesNotContain("u-3");
    assertThat(spotlight.envelopes().stream().filter(e -> e.contains(message)
        && SentryEnvelope.parse(e.json()).has("event"))).as("captured once").hasSize(1);
  }

  @Test
  void prometheusHasSpringsHttpServerRequestsAndTheAppsCountersExactly() {
    String backend = "instance=\"127.0.0.1:" + backendMetricsPort + "\"";
    String questions = "instance=\"127.0.0.1:" + questionMetricsPort + "\"";
    assertValue("http_server_requests_seconds_count{" + backend + ",uri=\"/v1/tests\",status=\"200\"}", 2);
    assertValue("http_server_requests_seconds_count{" + backend + ",uri=\"/v1/tests/{id}/score\",status=\"503\"}", 1);
    assertValue("http_server_requests_seconds_count{" + questions + ",uri=\"/runs\",status=\"200\"}", 2);
    assertValue("test_sessions_started_total{" + backend + ",adaptive=\"true\"}", 1);
    assertValue("test_sessions_started_total{" + backend + ",adaptive=\"false\"}", 1);
    assertValue("app_errors_total{" + backend + ",error_type=\"ScoringUnavailable\"}", 1);
    assertValue("sum(questions_generated_total{" + questions + "})", 10);
  }

  /**
   * Waits until Prometheus's latest scrape shows exactly {@code expected} (a scrape can predate the
   * last requests), then checks it is the only series.
   */
  private void assertValue(String promql, double expected) {
    long deadline = System.nanoTime() + FIRST_SCRAPE.toNanos();
    List<Sample> samples = PromSamples.parse(prometheus.awaitNonEmpty(promql, FIRST_SCRAPE));
    while (!(samples.size() == 1 && samples.get(0).value() == expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250); // Prometheus scrapes every second
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      samples = PromSamples.parse(prometheus.query(promql));
    }
    assertThat(samples).as("%s; targets: %s", promql, prometheus.targets()).hasSize(1);
    assertThat(samples.get(0).value()).as(promql).isEqualTo(expected);
  }

  private static ObservedSpan named(List<ObservedSpan> spans, String name, String all) {
    return spans.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in" + all));
  }
}
