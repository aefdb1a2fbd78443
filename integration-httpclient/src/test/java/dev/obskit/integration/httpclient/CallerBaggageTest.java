package dev.obskit.integration.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caller's own {@code baggage} header reaches a real Jetty merged with the SDK's baggage. */
class CallerBaggageTest {
  private final TestTelemetry telemetry = new TestTelemetry();
  private Observability obs;
  private JettyServer jetty;
  private HttpClient client;

  /** Answers with every {@code baggage} header it received, joined by " | ". */
  static final class BaggageEcho extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write(String.join(" | ", Collections.list(req.getHeaders("baggage"))));
    }
  }

  private void start(String propagation) {
    obs = ObservabilitySdk.builder().serviceName("caller").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).route(Signal.TRACES, "memory")
        .set("propagation", propagation).build();
    jetty = new JettyServer().servlet("/*", new BaggageEcho()).start();
    client = ObservedHttpClient.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), obs);
  }

  @AfterEach
  void stop() {
    jetty.close();
    obs.close();
  }

  private String send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void theCallersEntriesStayAndTheSdksAreAddedTheCallerWinningOnAClash() throws Exception {
    start("tracecontext,baggage");
    String received;
    try (Span p = obs.startSpan("checkout");
        Scope bag = obs.withBaggage(Map.of("tenant", "acme", "region", "eu"))) {
      received = send(HttpRequest.newBuilder(jetty.uri("/stock/7"))
          .header("baggage", "userId=alice;prop=1, region=us")
          .header("baggage", "session=s-9"));
    }

    // One header: the caller's members as written, then the SDK's that the caller did not set.
    assertThat(received).isEqualTo("userId=alice;prop=1,region=us,session=s-9,tenant=acme");
  }

  @Test
  void withoutSdkBaggageTheCallersHeaderIsSentAsItWas() throws Exception {
    start("tracecontext,baggage");
    String received;
    try (Span p = obs.startSpan("checkout")) {
      received = send(HttpRequest.newBuilder(jetty.uri("/stock/7")).header("baggage", "userId=alice"));
    }

    assertThat(received).isEqualTo("userId=alice");
  }

  @Test
  void sentryEntriesFollowTheTraceTheSdkSends() throws Exception {
    start("tracecontext,baggage,sentry");
    String received;
    String traceId;
    try (Span p = obs.startSpan("checkout")) {
      traceId = p.context().traceId();
      received = send(HttpRequest.newBuilder(jetty.uri("/stock/7"))
          .header("baggage", "sentry-trace_id=11111111111111111111111111111111,userId=alice"));
    }

    // The SDK's sentry-trace header names its own trace; a stale sentry-trace_id would contradict it.
    assertThat(received).startsWith("userId=alice,").contains("sentry-trace_id=" + traceId)
        .doesNotContain("11111111111111111111111111111111");
  }
}
