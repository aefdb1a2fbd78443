package dev.obskit.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.integration.httpclient.ObservedHttpClient;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedSpan;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code propagation: [tracecontext, baggage, sentry]}, a request carrying only Sentry's
 * headers into the filter (real Jetty 12 on 127.0.0.1) continues that trace, and a call made while
 * handling it through the wrapped JDK client carries both {@code sentry-trace} and {@code
 * traceparent} with the ids of its CLIENT span.
 */
class PropagationFormatsTest {
  private static final String TRACE_ID = "771a43a4192642f0b136d5159a501700";
  private static final String SENTRY_PARENT = "b1c2d3e4f5a6b7c8";
  private static final String PUBLIC_KEY = "49d0f7386ad645858ae85020e393bef3";
  private final TestTelemetry telemetry = new TestTelemetry();
  private final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Observability obs;
  private JettyServer jetty;

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  /** /front calls /back through the wrapped client and answers with the headers /back received. */
  private void start() {
    obs = ObservabilitySdk.builder().serviceName("orders").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).route(Signal.TRACES, "memory")
        .set("propagation", "tracecontext,baggage,sentry").build();
    HttpClient observed = ObservedHttpClient.wrap(plain, obs);
    jetty = new JettyServer().filter(new ObservabilityFilter(obs));
    jetty.servlet("/front/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        try {
          HttpResponse<String> back = observed.send(HttpRequest.newBuilder(jetty.uri("/back/1"))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
          res.getWriter().write(back.body());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }).servlet("/back/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.getWriter().write(req.getHeader("sentry-trace") + "|" + req.getHeader("traceparent"));
      }
    }).start();
  }

  private String callFront(String sampled) throws Exception {
    return plain.send(HttpRequest.newBuilder(jetty.uri("/front/1")).timeout(Duration.ofSeconds(10))
        .header("sentry-trace", TRACE_ID + "-" + SENTRY_PARENT + "-" + sampled)
        .header("baggage", "sentry-trace_id=" + TRACE_ID + ",sentry-public_key=" + PUBLIC_KEY
            + ",sentry-sampled=" + ("1".equals(sampled)) + ",sentry-environment=prod")
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aSentryOnlyRequestContinuesItsTraceAndTheClientSendsBothFormats() throws Exception {
    start();

    String received = callFront("1");

    RecordedSpan server = awaitSpan("GET /front/*");
    RecordedSpan client = awaitSpan("GET");
    assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.traceId()).isEqualTo(TRACE_ID);
    assertThat(server.parentSpanId()).isEqualTo(SENTRY_PARENT);
    assertThat(server.context().isSampled()).isTrue();
    assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.isChildOf(server)).isTrue();
    // The ids of the span current when the headers were written: the call's CLIENT span, sampled.
    assertThat(received).startsWith(TRACE_ID + "-" + client.spanId() + "-1|00-" + TRACE_ID + "-" + client.spanId() + "-");
    assertThat(received.substring(received.length() - 2)).satisfies(flags ->
        assertThat(Integer.parseInt(flags, 16) & 1).as("traceparent sampled flag").isEqualTo(1));
    // And /back, observed too, continues the same trace from the CLIENT span.
    RecordedSpan back = awaitSpan("GET /back/*");
    assertThat(back.isChildOf(client)).isTrue();
  }

  @Test
  void anUnsampledSentryTraceStaysUnsampledDownstream() throws Exception {
    start();

    String received = callFront("0");

    String[] headers = received.split("\\|");
    assertThat(headers[0]).startsWith(TRACE_ID + "-").endsWith("-0");
    assertThat(headers[1]).startsWith("00-" + TRACE_ID + "-");
    assertThat(Integer.parseInt(headers[1].substring(headers[1].length() - 2), 16) & 1)
        .as("traceparent sampled flag").isZero();
    // The sampling decision is the caller's: the request's spans carry it (the memory backend
    // records unsampled spans too, with their flag; exporters leave them out).
    RecordedSpan server = awaitSpan("GET /front/*");
    assertThat(server.traceId()).isEqualTo(TRACE_ID);
    assertThat(server.parentSpanId()).isEqualTo(SENTRY_PARENT);
    assertThat(server.context().isSampled()).isFalse();
    RecordedSpan client = awaitSpan("GET");
    assertThat(client.context().isSampled()).isFalse();
    assertThat(headers[0]).isEqualTo(TRACE_ID + "-" + client.spanId() + "-0");
  }

  private RecordedSpan awaitSpan(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      var s = telemetry.span(name);
      if (s.isPresent()) {
        return s.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no span " + name + " in " + telemetry.summary());
  }
}
