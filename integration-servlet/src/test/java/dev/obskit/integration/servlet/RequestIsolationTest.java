package dev.obskit.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Observability;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.backend.sentry.SentryBackendProvider;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.integration.httpclient.ObservedHttpClient;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests through the filter in a real Jetty, each from its own client thread with
 * its own user: no user, tag, context or breadcrumb of one request may reach another request's
 * error or transaction. Checked in the memory backend and on the Sentry wire.
 */
class RequestIsolationTest {
  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 10;
  private static final int TOTAL = THREADS * REQUESTS_PER_THREAD;
  private Observability obs;
  private JettyServer jetty;
  private SentryTestServer sentry;

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    if (sentry != null) {
      sentry.close();
    }
  }

  /** What a service does per request: whom it serves, what it did, and an error it captures or lets escape. */
  private final class Handler extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String user = req.getHeader("X-User");
      obs.setUser(User.id(user));
      obs.setTag("request_user", user);
      obs.setContext("account", Map.of("owner", user));
      obs.recordEvent("step." + user, Map.of("at", "start"));
      Thread.yield();
      obs.recordEvent("step." + user, Map.of("at", "end"));
      if (req.getParameter("fail") != null) {
        throw new IllegalStateException("escaped for " + user);
      }
      obs.captureError(new IllegalArgumentException("handled for " + user));
      res.getWriter().write("ok " + user);
    }
  }

  private void runClients() throws Exception {
    jetty = new JettyServer().filter(new ObservabilityFilter(obs)).servlet("/orders/*", new Handler()).start();
    HttpClient client = ObservedHttpClient.wrap(HttpClient.newHttpClient(), obs);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String user = "user-" + t;
      done.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
          String query = i % 5 == 4 ? "?fail=1" : "";
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(jetty.uri("/orders/" + i + query))
              .header("X-User", user).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(query.isEmpty() ? 200 : 500);
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
  }

  @Test
  void noScopeDataCrossesRequestsInTheMemoryBackend() throws Exception {
    TestTelemetry telemetry = new TestTelemetry();
    obs = ObservabilitySdk.builder().serviceName("orders").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).route(Signal.ERRORS, "memory")
        .route(Signal.EVENTS, "memory").route(Signal.TRACES, "memory").route(Signal.METRICS, "none")
        .set("http.server.request_headers", "x-user").build();
    runClients();

    List<String> wrong = new ArrayList<>();
    assertThat(telemetry.errors()).hasSize(TOTAL);
    for (ErrorEvent e : telemetry.errors()) {
      String user = e.message().substring(e.message().indexOf("user-"));
      if (e.user() == null || !user.equals(e.user().id())) {
        wrong.add("error of " + user + " has user " + (e.user() == null ? null : e.user().id()));
      }
      if (!user.equals(e.tags().get("request_user"))) {
        wrong.add("error of " + user + " has tag " + e.tags().get("request_user"));
      }
      if (!Map.of("owner", user).equals(e.contexts().get("account"))) {
        wrong.add("error of " + user + " has context " + e.contexts().get("account"));
      }
      if (e.breadcrumbs().size() != 2 || !e.breadcrumbs().stream().allMatch(b -> b.category().equals("step." + user))) {
        wrong.add("error of " + user + " has breadcrumbs " + e.breadcrumbs());
      }
    }
    List<RecordedSpan> servers = telemetry.spans("GET /orders/*");
    assertThat(servers).hasSize(TOTAL);
    for (RecordedSpan s : servers) {
      // Whom the request was for, from the request itself (its recorded X-User header).
      String user = (String) s.attributes().get("http.request.header.x-user");
      if (s.scope().user() == null || !s.scope().user().id().equals(user)
          || !user.equals(s.scope().tags().get("request_user")) || s.scope().breadcrumbs().size() != 2
          || !s.scope().breadcrumbs().stream().allMatch(b -> b.category().equals("step." + user))) {
        wrong.add("server span " + s.spanId() + " has scope " + s.scope().user() + " / " + s.scope().breadcrumbs());
      }
    }
    assertThat(wrong).as("scope data that crossed requests").isEmpty();
    // Each server span continues the client span of its request (the client injected it).
    List<RecordedSpan> clients = telemetry.spans("GET");
    assertThat(clients).hasSize(TOTAL);
    assertThat(servers).allSatisfy(server -> assertThat(clients).anySatisfy(c -> assertThat(server.isChildOf(c)).isTrue()));
  }

  @Test
  void noScopeDataCrossesRequestsOnTheSentryWire() throws Exception {
    sentry = SentryTestServer.start();
    obs = ObservabilitySdk.builder().serviceName("orders").environmentVariables(Map.of())
        .provider(new SentryBackendProvider()).route(Signal.ERRORS, "sentry").route(Signal.EVENTS, "sentry")
        .route(Signal.TRACES, "sentry").route(Signal.METRICS, "none")
        .set("sentry.dsn", sentry.dsn()).set("sentry.max_queue_size", 10_000).set("sentry.traces_queue_size", 10_000)
        .set("http.server.request_headers", "x-user").build();
    runClients();
    obs.flush(Duration.ofSeconds(10));

    List<ReceivedItem> errors = sentry.awaitItems("event", e -> true, TOTAL, Duration.ofSeconds(30));
    // Server transactions only: the client spans of the test threads are transactions of their own.
    List<ReceivedItem> transactions = sentry.awaitItems("transaction",
        t -> "GET /orders/*".equals(t.getString("transaction")), TOTAL, Duration.ofSeconds(30));
    assertThat(errors).hasSize(TOTAL);
    assertThat(transactions).hasSize(TOTAL);
    List<String> wrong = new ArrayList<>();
    for (ReceivedItem e : errors) {
      String message = e.getString("exception.values.0.value");
      check("error", e, message.substring(message.indexOf("user-")), wrong);
    }
    for (ReceivedItem t : transactions) {
      // Whom the request was for, from the request itself (its recorded X-User header).
      Object data = t.get("contexts.trace.data");
      String user = data instanceof Map ? (String) ((Map<?, ?>) data).get("http.request.header.x-user") : null;
      check("transaction", t, user, wrong);
    }
    assertThat(wrong).as("scope data that crossed requests").isEmpty();
    assertThat(errors.stream().filter(e -> e.getString("exception.values.0.value").startsWith("escaped")))
        .hasSize(TOTAL / 5).allSatisfy(e -> assertThat(e.getString("contexts.http.route")).isEqualTo("/orders/*"));
  }

  @SuppressWarnings("unchecked")
  private static void check(String kind, ReceivedItem item, String user, List<String> wrong) {
    if (user == null || !user.equals(item.getString("user.id"))) {
      wrong.add(kind + " of " + user + " has user " + item.getString("user.id"));
    }
    if (user == null || !user.equals(item.getString("tags.request_user"))) {
      wrong.add(kind + " of " + user + " has tag " + item.getString("tags.request_user"));
    }
    if (user == null || !user.equals(item.getString("contexts.account.owner"))) {
      wrong.add(kind + " of " + user + " has context " + item.getString("contexts.account.owner"));
    }
    Object crumbs = item.get("breadcrumbs.values");
    if (crumbs == null) {
      crumbs = item.get("breadcrumbs");
    }
    List<Map<String, Object>> list = crumbs instanceof List ? (List<Map<String, Object>>) crumbs : List.of();
    if (list.size() != 2 || !list.stream().allMatch(b -> ("step." + user).equals(b.get("category")))) {
      wrong.add(kind + " of " + user + " has breadcrumbs " + list.stream().map(b -> b.get("category")).toList());
    }
  }
}
