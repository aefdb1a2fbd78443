package dev.obskit.integration.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.core.http.HttpSemantics;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedMetric;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrapper around the real JDK client, calling a real Jetty on 127.0.0.1. */
class ObservedHttpClientTest {
  private final TestTelemetry telemetry = new TestTelemetry();
  private Observability obs;
  private JettyServer jetty;
  private HttpClient client;

  /** Answers with the propagation headers it received, and the status asked for in ?status=. */
  static final class EchoServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String status = req.getParameter("status");
      res.setStatus(status == null ? 200 : Integer.parseInt(status));
      res.setHeader("X-Served-By", "echo");
      res.getWriter().write(req.getHeader("traceparent") + "|" + req.getHeader("baggage") + "|"
          + req.getHeaders("traceparent").asIterator().next());
    }
  }

  @BeforeEach
  void start() {
    obs = ObservabilitySdk.builder().serviceName("caller").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).route(Signal.ERRORS, "memory")
        .route(Signal.EVENTS, "memory").route(Signal.TRACES, "memory").route(Signal.METRICS, "memory")
        .set("http.client.request_headers", "x-request-id").set("http.client.response_headers", "x-served-by")
        .build();
    jetty = new JettyServer().servlet("/*", new EchoServlet()).start();
    client = ObservedHttpClient.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), obs);
  }

  @AfterEach
  void stop() {
    jetty.close();
    obs.close();
  }

  @Test
  void aSyncSendIsAClientSpanWhoseHeadersTheServerReceives() throws Exception {
    HttpResponse<String> r;
    Span parent;
    try (Span p = obs.startSpan("checkout"); Scope bag = obs.withBaggage(Map.of("tenant", "acme"))) {
      parent = p;
      r = client.send(HttpRequest.newBuilder(jetty.uri("/stock/7?token=secret")).header("X-Request-Id", "r-1")
          // A stale header of the caller's is replaced, not sent twice.
          .header("traceparent", "00-11111111111111111111111111111111-2222222222222222-01").build(),
          HttpResponse.BodyHandlers.ofString());
    }

    RecordedSpan span = telemetry.span("GET").orElseThrow();
    String expected = "00-" + span.traceId() + "-" + span.spanId() + "-03"; // sampled and random (W3C Level 2): a trace started here
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(expected + "|tenant=acme|" + expected);
    assertThat(span.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.traceId()).isEqualTo(parent.context().traceId());
    assertThat(span.parentSpanId()).isEqualTo(parent.context().spanId());
    assertThat(span.attributes()).containsEntry("http.request.method", "GET")
        .containsEntry("server.address", "127.0.0.1").containsEntry("server.port", (long) jetty.port())
        .containsEntry("url.full", "http://127.0.0.1:" + jetty.port() + "/stock/7")
        .containsEntry("http.response.status_code", 200L).containsEntry("network.protocol.version", "1.1")
        .containsEntry("http.request.header.x-request-id", "r-1")
        .containsEntry("http.response.header.x-served-by", "echo").doesNotContainKey("error.type");
    RecordedMetric duration = telemetry.metric(HttpSemantics.CLIENT_DURATION).orElseThrow();
    assertThat(duration.unit()).isEqualTo("s");
    assertThat(duration.count(Labels.builder().put("http.request.method", "GET").put("server.address", "127.0.0.1")
        .put("server.port", Integer.toString(jetty.port())).put("http.response.status_code", "200").build()))
        .isEqualTo(1);
  }

  @Test
  void anAsyncSendEndsItsSpanWhenTheResponseArrives() throws Exception {
    CompletableFuture<HttpResponse<String>> future;
    try (Span p = obs.startSpan("batch")) {
      future = client.sendAsync(HttpRequest.newBuilder(jetty.uri("/async")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    HttpResponse<String> r = future.get(10, TimeUnit.SECONDS);
    RecordedSpan span = await("GET");
    assertThat(r.body()).startsWith("00-" + span.traceId() + "-" + span.spanId() + "-03");
    assertThat(span.parentSpanId()).isEqualTo(telemetry.span("batch").orElseThrow().spanId());
    assertThat(span.attributes()).containsEntry("http.response.status_code", 200L);
  }

  @Test
  void clientAndServerErrorsAreRecordedAndTheResponseReturnedAsIs() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(jetty.uri("/missing?status=404")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    RecordedSpan span = telemetry.span("GET").orElseThrow();
    assertThat(span.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(span.attributes()).containsEntry("error.type", "404");
  }

  @Test
  void aFailedConnectionReachesTheCallerUnchangedAndIsRecorded() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/x")).build();

    Throwable sync = catchThrowable(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
    Throwable async = catchThrowable(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .get(10, TimeUnit.SECONDS));

    assertThat(sync).isInstanceOf(ConnectException.class);
    assertThat(async).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (telemetry.spans("GET").size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(telemetry.spans("GET")).hasSize(2).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo(SpanStatus.ERROR);
      assertThat(s.attributes()).containsEntry("error.type", ConnectException.class.getName())
          .doesNotContainKey("http.response.status_code");
      assertThat(s.exceptions()).singleElement().isInstanceOf(ConnectException.class);
    });
    assertThat(telemetry.metric(HttpSemantics.CLIENT_DURATION).orElseThrow().count(Labels.builder()
        .put("http.request.method", "GET").put("server.address", "127.0.0.1")
        .put("server.port", Integer.toString(closedPort)).put("error.type", ConnectException.class.getName()).build()))
        .isEqualTo(2);
  }

  @Test
  void theWrapperReportsTheDelegatesSettings() {
    HttpClient real = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1)
        .build();
    HttpClient wrapped = ObservedHttpClient.wrap(real, obs);
    assertThat(wrapped.connectTimeout()).isEqualTo(real.connectTimeout());
    assertThat(wrapped.version()).isEqualTo(real.version());
    assertThat(wrapped.followRedirects()).isEqualTo(real.followRedirects());
    assertThat(wrapped.sslContext()).isSameAs(real.sslContext());
  }

  private RecordedSpan await(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      var s = telemetry.span(name);
      if (s.isPresent()) {
        return s.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no span " + name + ": " + telemetry.summary());
  }
}
