package dev.obskit.integration.servlet;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.core.http.HttpSemantics;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedMetric;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter in a real Jetty 12 on 127.0.0.1, called by the JDK client, recorded by the memory backend. */
class ObservabilityFilterTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private final TestTelemetry telemetry = new TestTelemetry();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Observability obs;
  private JettyServer jetty;

  private Observability sdk(String... extra) {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().serviceName("orders").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry))
        .route(Signal.ERRORS, "memory").route(Signal.EVENTS, "memory").route(Signal.TRACES, "memory")
        .route(Signal.METRICS, "memory");
    for (int i = 0; i < extra.length; i += 2) {
      b.set(extra[i], extra[i + 1]);
    }
    obs = b.build();
    return obs;
  }

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  private JettyServer jetty(Filter... filters) {
    jetty = new JettyServer();
    for (Filter f : filters) {
      jetty.filter(f);
    }
    return jetty;
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(jetty.uri(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Writes "order <path info>" with status 200, or the status given in ?status=. */
  static final class OrdersServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String status = req.getParameter("status");
      res.setStatus(status == null ? 200 : Integer.parseInt(status));
      res.setContentType("text/plain");
      res.setHeader("X-Order", "yes");
      res.getWriter().write("order " + req.getPathInfo());
    }
  }

  @Test
  void oneServerSpanPerRequestNamedAndAttributedByTheConventions() throws Exception {
    sdk("http.server.request_headers", "x-request-id,authorization", "http.server.response_headers", "x-order");
    jetty(new ObservabilityFilter(obs)).servlet("/orders/*", new OrdersServlet()).start();

    HttpResponse<String> r = get("/orders/42?verbose=1", "User-Agent", "obskit-test/1.0", "X-Request-Id", "r-1",
        "Authorization", "Bearer s3cr3t");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("order /42");
    RecordedSpan span = telemetry.span("GET /orders/*").orElseThrow();
    assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.isRoot()).isTrue();
    assertThat(span.attributes())
        .containsEntry("http.request.method", "GET").containsEntry("url.path", "/orders/42")
        .containsEntry("url.scheme", "http").containsEntry("http.route", "/orders/*")
        .containsEntry("server.address", "127.0.0.1").containsEntry("server.port", (long) jetty.port())
        .containsEntry("client.address", "127.0.0.1").containsEntry("user_agent.original", "obskit-test/1.0")
        .containsEntry("http.response.status_code", 200L).containsEntry("network.protocol.version", "1.1")
        .containsEntry("http.request.header.x-request-id", "r-1")
        .containsEntry("http.request.header.authorization", "[Filtered]")
        .containsEntry("http.response.header.x-order", "yes")
        .doesNotContainKey("error.type");
    assertThat(span.status()).isNotEqualTo(SpanStatus.ERROR);

    RecordedMetric duration = telemetry.metric(HttpSemantics.SERVER_DURATION).orElseThrow();
    assertThat(duration.unit()).isEqualTo("s");
    assertThat(duration.buckets()).containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5,
        5.0, 7.5, 10.0);
    Labels labels = Labels.builder().put("http.request.method", "GET").put("http.response.status_code", "200")
        .put("url.scheme", "http").put("http.route", "/orders/*").build();
    assertThat(duration.count(labels)).isEqualTo(1);
    assertThat(duration.values(labels).get(0)).isPositive().isLessThan(10);
    RecordedMetric active = telemetry.metric(HttpSemantics.SERVER_ACTIVE).orElseThrow();
    assertThat(active.total(Labels.of("http.request.method", "GET", "url.scheme", "http"))).isZero();
    assertThat(active.values(Labels.of("http.request.method", "GET", "url.scheme", "http"))).containsExactly(1.0, -1.0);
  }

  @Test
  void continuesTheCallersW3cTraceAndBaggage() throws Exception {
    sdk();
    AtomicReference<String> baggageSeen = new AtomicReference<>();
    jetty(new ObservabilityFilter(obs)).servlet("/orders/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        baggageSeen.set(obs.currentBaggage().get("tenant"));
        obs.startSpan("load-order").close();
      }
    }).start();

    get("/orders/1", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "baggage", "tenant=acme");

    RecordedSpan server = telemetry.span("GET /orders/*").orElseThrow();
    assertThat(server.traceId()).isEqualTo(TRACE_ID);
    assertThat(server.parentSpanId()).isEqualTo(PARENT_ID);
    assertThat(telemetry.span("load-order").orElseThrow().isChildOf(server)).isTrue();
    assertThat(baggageSeen.get()).isEqualTo("acme");
  }

  @Test
  void routeFromTheHookTheAttributeOrNoneAtAll() throws Exception {
    sdk();
    HttpServlet setsAttribute = new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        if (req.getRequestURI().startsWith("/api/users")) {
          req.setAttribute(ObservabilityFilter.ROUTE_ATTRIBUTE, "/api/users/{id}");
        }
      }
    };
    jetty(ObservabilityFilter.builder(obs)
        .routes(req -> req.getRequestURI().startsWith("/api/orders") ? "/api/orders/{id}" : null).build())
        .servlet("/", setsAttribute).start();

    get("/api/orders/7");
    get("/api/users/9");
    get("/elsewhere");

    assertThat(telemetry).hasSpan("GET /api/orders/{id}").withAttribute("http.route", "/api/orders/{id}");
    assertThat(telemetry).hasSpan("GET /api/users/{id}").withAttribute("http.route", "/api/users/{id}");
    // The default servlet's "/" says nothing about the route: the span is named by the method only.
    assertThat(telemetry.span("GET").orElseThrow().attributes()).doesNotContainKey("http.route")
        .containsEntry("url.path", "/elsewhere");
  }

  @Test
  void serverErrorsSetErrorClientErrorsDoNot() throws Exception {
    sdk();
    jetty(new ObservabilityFilter(obs)).servlet("/orders/*", new OrdersServlet()).start();

    assertThat(get("/orders/1?status=503").statusCode()).isEqualTo(503);
    assertThat(get("/orders/2?status=404").statusCode()).isEqualTo(404);

    List<RecordedSpan> spans = telemetry.spans("GET /orders/*");
    RecordedSpan failed = spans.stream().filter(s -> s.attributes().get("http.response.status_code").equals(503L))
        .findFirst().orElseThrow();
    assertThat(failed.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(failed.attributes()).containsEntry("error.type", "503");
    RecordedSpan notFound = spans.stream().filter(s -> s.attributes().get("http.response.status_code").equals(404L))
        .findFirst().orElseThrow();
    assertThat(notFound.status()).isNotEqualTo(SpanStatus.ERROR);
    assertThat(notFound.attributes()).doesNotContainKey("error.type");
    assertThat(telemetry.errors()).isEmpty();
  }

  /** Remembers what escaped the rest of the chain, and rethrows it. */
  static final class Outermost implements Filter {
    final AtomicReference<Throwable> seen = new AtomicReference<>();

    @Override
    public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
        jakarta.servlet.FilterChain chain) throws IOException, ServletException {
      try {
        chain.doFilter(req, res);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        seen.set(e);
        throw e;
      }
    }
  }

  @Test
  void anEscapingExceptionIsCapturedOnceWithRequestContextAndRethrownUnchanged() throws Exception {
    sdk();
    IllegalStateException boom = new IllegalStateException("inventory down");
    Outermost outer = new Outermost();
    jetty(outer, new ObservabilityFilter(obs)).servlet("/orders/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        obs.setUser(User.id("u-7"));
        obs.recordEvent("order.lookup", Map.of("id", 7));
        throw boom;
      }
    }).start();

    HttpResponse<String> r = get("/orders/7?id=7&token=abc&id=8", "Authorization", "Bearer s3cr3t",
        "X-Request-Id", "r-9", "Cookie", "session=xyz");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(outer.seen.get()).isSameAs(boom);
    assertThat(telemetry.errors()).hasSize(1);
    assertThat(telemetry).hasError(IllegalStateException.class).withMessage("inventory down").withUserId("u-7")
        .withBreadcrumb("order.lookup").inSpanNamed("GET /orders/*");
    @SuppressWarnings("unchecked")
    Map<String, Object> http = telemetry.errors().get(0).contexts().get("http");
    assertThat(http).containsEntry("method", "GET").containsEntry("url.path", "/orders/7")
        .containsEntry("route", "/orders/*").containsEntry("query_keys", List.of("id", "token"));
    @SuppressWarnings("unchecked")
    Map<String, Object> headers = (Map<String, Object>) http.get("headers");
    assertThat(headers).containsEntry("x-request-id", "r-9").containsEntry("authorization", "[Filtered]")
        .containsEntry("cookie", "[Filtered]");
    RecordedSpan span = telemetry.span("GET /orders/*").orElseThrow();
    assertThat(span.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(span.attributes()).containsEntry("http.response.status_code", 500L)
        .containsEntry("error.type", IllegalStateException.class.getName());
    assertThat(span.exceptions()).containsExactly(boom);
  }

  @Test
  void anAsyncRequestEndsWhenTheResponseCompletes() throws Exception {
    sdk();
    jetty(new ObservabilityFilter(obs)).servlet("/slow/*", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        AsyncContext async = req.startAsync();
        Runnable inRequest = obs.wrap(() -> obs.setTag("finished_by", "worker"));
        CompletableFuture.runAsync(() -> {
          try {
            TimeUnit.MILLISECONDS.sleep(300);
            inRequest.run();
            res.setStatus(202);
            res.getWriter().write("done later");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        });
      }
    }).start();

    HttpResponse<String> r = get("/slow/1");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("done later");
    RecordedSpan span = awaitSpan("GET /slow/*");
    assertThat(span.attributes()).containsEntry("http.response.status_code", 202L);
    assertThat(span.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    assertThat(span.scope().tags()).containsEntry("finished_by", "worker");
    RecordedMetric duration = telemetry.metric(HttpSemantics.SERVER_DURATION).orElseThrow();
    assertThat(duration.values(Labels.builder().put("http.request.method", "GET")
        .put("http.response.status_code", "202").put("url.scheme", "http").put("http.route", "/slow/*").build()))
        .singleElement().satisfies(v -> assertThat(v).isGreaterThanOrEqualTo(0.3));
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

  @Test
  void ignoredPathsAreNotObserved() throws Exception {
    sdk("http.server.ignore_paths", "/health,/actuator/*");
    jetty(new ObservabilityFilter(obs)).servlet("/", new OrdersServlet()).start();

    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
    assertThat(get("/actuator").statusCode()).isEqualTo(200);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    assertThat(telemetry.spans()).extracting(s -> s.attributes().get("url.path")).containsExactly("/healthz");
  }

  @Test
  void malformedOrHugePropagationHeadersAreCountedAndNeverFailTheRequest() throws Exception {
    sdk();
    jetty(new ObservabilityFilter(obs)).servlet("/orders/*", new OrdersServlet()).start();
    String huge = "x".repeat(20_000);

    HttpResponse<String> bad = get("/orders/1", "traceparent", "00-zz-not-hex-01", "baggage", "=;;,%%%");
    HttpResponse<String> big = get("/orders/2", "traceparent", "00-" + huge, "baggage", "k=" + huge);

    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body()).isEqualTo("order /1");
    assertThat(big.statusCode()).isEqualTo(200);
    assertThat(big.body()).isEqualTo("order /2");
    assertThat(telemetry.spans("GET /orders/*")).hasSize(2).allSatisfy(s -> assertThat(s.isRoot()).isTrue());
    assertThat(obs.selfMetrics().get("dropped.malformed_traceparent")).isEqualTo(2);
    assertThat(obs.selfMetrics().get("dropped.malformed_baggage")).isEqualTo(2);
  }

  @Test
  void withoutTheFilterTheResponseIsTheSame() throws Exception {
    sdk();
    jetty().servlet("/orders/*", new OrdersServlet()).start();
    HttpResponse<String> plain = get("/orders/5?status=201");
    jetty.close();
    jetty(new ObservabilityFilter(obs)).servlet("/orders/*", new OrdersServlet()).start();
    HttpResponse<String> observed = get("/orders/5?status=201");

    assertThat(observed.statusCode()).isEqualTo(plain.statusCode()).isEqualTo(201);
    assertThat(observed.body()).isEqualTo(plain.body());
    assertThat(observed.headers().map().keySet()).isEqualTo(plain.headers().map().keySet());
  }
}
