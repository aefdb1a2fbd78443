package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus exporter, scraped over HTTP as Prometheus would. */
class PrometheusScrapeTest {
  private static final Labels MATH = Labels.of("type", "math");

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Observability sdk(int port) {
    return ObservabilitySdk.builder()
        .serviceName("question-service")
        .environmentVariables(Map.of())
        .provider(new OtelBackendProvider())
        .route(Signal.METRICS, "otel")
        .route(Signal.TRACES)
        .route(Signal.ERRORS)
        .route(Signal.EVENTS)
        .set("otel.metrics.exporter", "prometheus")
        .set("otel.prometheus.port", port)
        .build();
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void scrapeHoldsCountersHistogramsAndGauges() throws Exception {
    int port = freePort();
    Observability obs = sdk(port);
    try {
      obs.counter("questions.generated").add(3, MATH);
      obs.upDownCounter("jobs.queued").add(4, Labels.empty());
      Histogram latency = obs.histogram("generation.duration",
          InstrumentOptions.builder().unit("ms").buckets(5, 10, 25).build());
      latency.record(7, MATH);
      obs.gauge("pool.size").set(9, Labels.of("pool", "db"));

      String text = scrape(port);
      assertThat(text).containsPattern("(?m)^questions_generated_total\\{[^}]*type=\"math\"[^}]*} 3\\.0$");
      assertThat(text).containsPattern("(?m)^jobs_queued(\\{[^}]*})? 4\\.0$");
      assertThat(text).containsPattern(
          "(?m)^generation_duration_milliseconds_bucket\\{[^}]*type=\"math\",le=\"10\\.0\"} 1$");
      assertThat(text).containsPattern("(?m)^generation_duration_milliseconds_count\\{[^}]*type=\"math\"[^}]*} 1$");
      assertThat(text).containsPattern("(?m)^pool_size\\{[^}]*pool=\"db\"[^}]*} 9\\.0$");
      // Resource attributes travel in target_info, as the Prometheus compatibility spec says.
      assertThat(text).containsPattern("(?m)^target_info\\{[^}]*service_name=\"question-service\"[^}]*} 1$");
    } finally {
      obs.close(Duration.ofSeconds(5));
    }
    // Closing stops the endpoint: the port is free again.
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsAConfigurationProblemNamingTheKey() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> sdk(taken.getLocalPort()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("otel.prometheus.port")
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
