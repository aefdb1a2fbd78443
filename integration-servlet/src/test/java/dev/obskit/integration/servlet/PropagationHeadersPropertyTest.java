package dev.obskit.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
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
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a caller puts in {@code traceparent}, {@code tracestate} and {@code baggage}, the
 * request through the filter in a real Jetty succeeds with the servlet's own status and body, and
 * is traced (as a root when the headers were unusable).
 */
class PropagationHeadersPropertyTest {
  private static TestTelemetry telemetry;
  private static Observability obs;
  private static JettyServer jetty;
  private static HttpClient client;

  @BeforeContainer
  static void start() {
    telemetry = new TestTelemetry();
    obs = ObservabilitySdk.builder().serviceName("orders").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).route(Signal.ERRORS, "memory")
        .route(Signal.EVENTS, "memory").route(Signal.TRACES, "memory").route(Signal.METRICS, "memory").build();
    jetty = new JettyServer().filter(new ObservabilityFilter(obs)).servlet("/echo/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setStatus(207);
        res.getWriter().write("body:" + req.getPathInfo());
      }
    }).start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterContainer
  static void stop() {
    jetty.close();
    obs.close();
  }

  @Provide
  Arbitrary<String> headerValues() {
    // Header values the JDK client can send: visible ASCII and spaces, up to 10 000 characters,
    // mixed with near-valid traceparents and baggage lists.
    Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(10_000)
        .filter(s -> !s.isBlank() && s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' ');
    Arbitrary<String> nearTraceparent = Arbitraries.strings().withChars("0123456789abcdefABCDEF-xz")
        .ofMinLength(1).ofMaxLength(80).map(s -> "00-" + s);
    Arbitrary<String> nearBaggage = Arbitraries.strings().withChars("abc=,;%20 k").ofMinLength(1).ofMaxLength(200)
        .filter(s -> !s.isBlank() && s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' ');
    return Arbitraries.oneOf(printable, nearTraceparent, nearBaggage);
  }

  @Property(tries = 120)
  void anyPropagationHeaderLeavesTheResponseAlone(@ForAll("headerValues") String traceparent,
      @ForAll("headerValues") String tracestate, @ForAll("headerValues") String baggage) throws Exception {
    int before = telemetry.spans().size();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(jetty.uri("/echo/x")).timeout(Duration.ofSeconds(10))
        .header("traceparent", traceparent).header("tracestate", tracestate).header("baggage", baggage).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(r.body()).isEqualTo("body:/x");
    assertThat(telemetry.spans()).hasSize(before + 1);
  }
}
