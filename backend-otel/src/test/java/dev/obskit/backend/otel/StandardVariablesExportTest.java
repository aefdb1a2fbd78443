package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OTEL_EXPORTER_OTLP_*} as the OTLP exporter specification means them, checked on the
 * requests that arrive: the generic endpoint gets {@code /v1/<signal>} appended, a per-signal
 * endpoint is used as given, headers are percent-decoded and per-signal headers add to the
 * generic ones.
 */
class StandardVariablesExportTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** One received request: its path and headers. */
  private record Request(String path, Map<String, List<String>> headers) {}

  private HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders())));
        // An empty protobuf body is a valid (empty) export response.
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void sendOneSpanAndOneMetric(Map<String, String> env) {
    Observability obs = ObservabilitySdk.builder()
        .environmentVariables(env)
        .provider(new OtelBackendProvider())
        .route(Signal.TRACES, "otel").route(Signal.METRICS, "otel").route(Signal.ERRORS).route(Signal.EVENTS)
        .build();
    try (Span span = obs.startSpan("work")) {
      obs.counter("work.done").add(1);
    }
    assertThat(obs.flush(WAIT)).isTrue();
    assertThat(obs.close(WAIT)).isTrue();
  }

  private Request to(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no request to " + path + " in " + requests));
  }

  @Test
  void theGenericEndpointGetsTheSignalPathAppended() {
    sendOneSpanAndOneMetric(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", base() + "/collector",
        "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=abc%20def,x-team=ai",
        "OTEL_EXPORTER_OTLP_COMPRESSION", "none"));

    assertThat(requests).extracting(Request::path).containsOnly("/collector/v1/traces", "/collector/v1/metrics");
    Request traces = to("/collector/v1/traces");
    assertThat(traces.headers().get("X-api-key")).containsExactly("abc def");
    assertThat(traces.headers().get("X-team")).containsExactly("ai");
    assertThat(traces.headers()).doesNotContainKey("Content-encoding");
  }

  @Test
  void aPerSignalEndpointIsUsedAsGivenAndItsHeadersAddToTheGenericOnes() {
    sendOneSpanAndOneMetric(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", base(),
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", base() + "/custom/spans",
        "OTEL_EXPORTER_OTLP_HEADERS", "x-team=ai",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-signal=traces",
        "OTEL_EXPORTER_OTLP_METRICS_COMPRESSION", "gzip"));

    assertThat(requests).extracting(Request::path).containsOnly("/custom/spans", "/v1/metrics");
    assertThat(to("/custom/spans").headers().get("X-signal")).containsExactly("traces");
    assertThat(to("/custom/spans").headers().get("X-team")).containsExactly("ai");
    assertThat(to("/v1/metrics").headers()).doesNotContainKey("X-signal");
    assertThat(to("/v1/metrics").headers().get("Content-encoding")).containsExactly("gzip");
  }

  @Test
  void otelSdkDisabledSendsNothing() {
    sendOneSpanAndOneMetric(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", base(), "OTEL_SDK_DISABLED", "true"));
    assertThat(requests).isEmpty();
  }
}
