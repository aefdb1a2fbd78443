package dev.obskit.backend.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
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
 * Request scopes on the wire: concurrent requests, each with its own user, tags and breadcrumbs;
 * every error and transaction Sentry receives must carry exactly its own request's data.
 */
class SentryScopeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int THREADS = 6;
  private static final int REQUESTS_PER_THREAD = 8;
  private final SentryTestServer server = SentryTestServer.start();
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    server.close();
    GlobalOpenTelemetry.resetForTest();
  }

  private Observability build(String... traces) {
    return ObservabilitySdk.builder().serviceName("scope-test").environmentVariables(Map.of())
        .provider(new SentryBackendProvider()).provider(new dev.obskit.backend.otel.OtelBackendProvider())
        .route(Signal.ERRORS, "sentry").route(Signal.EVENTS, "sentry").route(Signal.METRICS, "none")
        .route(Signal.TRACES, traces)
        .set("otel.traces.exporter", "none")
        .set("sentry.dsn", server.dsn()).set("sentry.max_queue_size", 10_000).set("sentry.traces_queue_size", 10_000).build();
  }

  @Test
  void concurrentRequestsCarryOnlyTheirOwnScopeAsPrimary() throws Exception {
    obs = build("sentry");
    runRequests();
    checkWire();
  }

  @Test
  void concurrentRequestsCarryOnlyTheirOwnScopeAsMirrorOfOpenTelemetry() throws Exception {
    obs = build("otel", "sentry");
    runRequests();
    checkWire();
  }

  @Test
  void outsideAnyScopeTheProcessWideUserStillApplies() {
    obs = build("sentry");
    obs.setUser(User.id("service-account"));
    obs.setTag("region", "eu");
    try (Span job = obs.startSpan("nightly-job")) {
      obs.recordEvent("job.step", Map.of("n", 1));
      obs.captureError(new IllegalStateException("job failed"));
    }
    try (Scope request = obs.isolate(); Span span = obs.startSpan("request")) {
      obs.setUser(User.id("alice"));
    }
    ReceivedItem error = server.awaitEvent(e -> true, WAIT);
    assertThat(error.getString("user.id")).isEqualTo("service-account");
    assertThat(error.getString("tags.region")).isEqualTo("eu");
    assertThat(SentryWire.breadcrumbs(error)).extracting(b -> b.get("category")).containsExactly("job.step");
    ReceivedItem job = server.awaitTransaction(t -> "nightly-job".equals(t.getString("transaction")), WAIT);
    assertThat(job.getString("user.id")).isEqualTo("service-account");
    assertThat(SentryWire.breadcrumbs(job)).extracting(b -> b.get("category")).containsExactly("job.step");
    ReceivedItem request = server.awaitTransaction(t -> "request".equals(t.getString("transaction")), WAIT);
    // The request scope started from the process-wide tags, then set its own user; no job breadcrumbs.
    assertThat(request.getString("user.id")).isEqualTo("alice");
    assertThat(request.getString("tags.region")).isEqualTo("eu");
    assertThat(SentryWire.breadcrumbs(request)).isEmpty();
    assertThat(request.get("contexts." + "obskit.scope")).isNull();
  }

  private void runRequests() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String user = "user-" + t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
          try (Scope request = obs.isolate(); Span span = obs.startSpan("GET /orders/" + user)) {
            obs.setUser(User.id(user));
            obs.setTag("request_user", user);
            obs.setContext("request", Map.of("user", user, "n", i));
            obs.recordEvent("step." + user, Map.of("n", i));
            Thread.yield();
            obs.recordEvent("step." + user, Map.of("n", i));
            obs.captureError(new IllegalStateException("failed for " + user));
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    obs.flush(Duration.ofSeconds(10));
  }

  private void checkWire() {
    int total = THREADS * REQUESTS_PER_THREAD;
    List<ReceivedItem> errors = server.awaitItems("event", e -> true, total, WAIT);
    List<ReceivedItem> transactions = server.awaitItems("transaction", t -> true, total, WAIT);
    assertThat(errors).hasSize(total);
    assertThat(transactions).hasSize(total);
    List<String> wrong = new ArrayList<>();
    for (ReceivedItem e : errors) {
      String user = e.getString("exception.values.0.value").substring("failed for ".length());
      check("error", e, user, wrong);
    }
    for (ReceivedItem t : transactions) {
      String user = t.getString("transaction").substring("GET /orders/".length());
      check("transaction", t, user, wrong);
    }
    assertThat(wrong).as("items carrying another request's scope data").isEmpty();
  }

  private static void check(String kind, ReceivedItem item, String user, List<String> wrong) {
    if (!user.equals(item.getString("user.id"))) {
      wrong.add(kind + " of " + user + " has user " + item.getString("user.id"));
    }
    if (!user.equals(item.getString("tags.request_user"))) {
      wrong.add(kind + " of " + user + " has tag request_user=" + item.getString("tags.request_user"));
    }
    if (!user.equals(item.getString("contexts.request.user"))) {
      wrong.add(kind + " of " + user + " has context request.user=" + item.getString("contexts.request.user"));
    }
    List<Map<String, Object>> crumbs = SentryWire.breadcrumbs(item);
    if (crumbs.size() != 2 || !crumbs.stream().allMatch(b -> ("step." + user).equals(b.get("category")))) {
      wrong.add(kind + " of " + user + " has breadcrumbs " + crumbs.stream().map(b -> b.get("category")).toList());
    }
  }
}
