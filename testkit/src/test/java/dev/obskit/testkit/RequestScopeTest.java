package dev.obskit.testkit;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.User;
import dev.obskit.core.ObservabilitySdk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code isolate()} through the real core and the memory backend: a request scope's user, tags,
 * contexts and breadcrumbs reach its own errors and spans only, follow the context, and the
 * process-wide meaning holds outside any scope.
 */
@ExtendWith(ObservabilityExtension.class)
class RequestScopeTest {

  @Test
  void insideAScopeDataStaysInIt(Observability obs, TestTelemetry telemetry) {
    obs.setTag("region", "eu");
    try (Scope request = obs.isolate()) {
      obs.setUser(User.id("alice"));
      obs.setTag("route", "/a");
      obs.setContext("order", Map.of("id", 7));
      obs.recordEvent("cart.loaded", Map.of("items", 2));
      obs.captureError(new IllegalStateException("inside"));
    }
    obs.recordEvent("after.request", Map.of());
    obs.captureError(new IllegalStateException("outside"));

    assertThat(telemetry).hasError(IllegalStateException.class).withMessage("inside").withUserId("alice")
        .withTag("route", "/a").withTag("region", "eu").withBreadcrumb("cart.loaded")
        .withoutBreadcrumb("after.request");
    assertThat(telemetry).hasError(IllegalStateException.class).withMessage("outside").withoutUser()
        .withoutTag("route").withTag("region", "eu").withoutBreadcrumb("cart.loaded").withBreadcrumb("after.request");
    ErrorEvent inside = telemetry.errors().get(0);
    assertThat(inside.contexts()).containsEntry("order", Map.of("id", 7));
    assertThat(telemetry.errors().get(1).contexts()).doesNotContainKey("order");
    // The process-wide view of the memory backend never saw the request's user.
    assertThat(telemetry.user()).isNull();
    assertThat(telemetry.tags()).containsOnlyKeys("region");
  }

  @Test
  void aBreadcrumbAddedDirectlyIsScrubbedGetsTheCurrentSpanAndIsNoEvent(Observability obs, TestTelemetry telemetry) {
    Span span = obs.startSpan("handle");
    try (Scope request = obs.isolate(); Scope inSpan = span.makeCurrent()) {
      obs.addBreadcrumb(dev.obskit.api.Breadcrumb.of("http.request", "GET /a", dev.obskit.api.Level.INFO,
          Map.of("path", "/a", "password", "hunter2")));
      obs.captureError(new IllegalStateException("inside"));
    } finally {
      span.end();
    }

    assertThat(telemetry).hasError(IllegalStateException.class).withBreadcrumb("http.request");
    dev.obskit.api.Breadcrumb crumb = telemetry.errors().get(0).breadcrumbs().get(0);
    assertThat(crumb.message()).isEqualTo("GET /a");
    assertThat(crumb.data()).containsEntry("path", "/a").containsEntry("password", "[Filtered]");
    assertThat(crumb.spanContext().spanId()).isEqualTo(span.context().spanId());
    assertThat(crumb.timestampMillis()).isPositive();
    assertThat(telemetry.events()).isEmpty();
  }

  @Test
  void aNestedScopeStartsFromItsParentAndLeavesItAlone(Observability obs, TestTelemetry telemetry) {
    try (Scope outer = obs.isolate()) {
      obs.setUser(User.id("outer"));
      obs.recordEvent("outer.step", Map.of());
      try (Scope inner = obs.isolate()) {
        obs.setTag("inner", "yes");
        obs.captureMessage("in inner", dev.obskit.api.Level.INFO);
      }
      obs.captureMessage("in outer", dev.obskit.api.Level.INFO);
    }
    List<ErrorEvent> errors = telemetry.errors();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).user().id()).isEqualTo("outer");
    assertThat(errors.get(0).tags()).containsEntry("inner", "yes");
    assertThat(errors.get(0).breadcrumbs()).isEmpty();
    assertThat(errors.get(1).tags()).doesNotContainKey("inner");
    assertThat(errors.get(1).breadcrumbs()).extracting(b -> b.category()).containsExactly("outer.step");
  }

  @Test
  void theScopeFollowsWrappedTasksExecutorsAndChildSpans(Observability obs, TestTelemetry telemetry) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ExecutorService wrappedPool = obs.wrap(Executors.newSingleThreadExecutor());
    try (Scope request = obs.isolate(); Span root = obs.startSpan("request")) {
      obs.setUser(User.id("bob"));
      pool.submit(obs.wrap(() -> {
        obs.setTag("from", "wrapped");
        obs.captureError(new IllegalArgumentException("wrapped task"));
      })).get(5, TimeUnit.SECONDS);
      wrappedPool.submit(() -> obs.captureError(new UnsupportedOperationException("executor task")))
          .get(5, TimeUnit.SECONDS);
      try (Span child = obs.startSpan("child")) {
        obs.recordEvent("child.step", Map.of());
      }
    } finally {
      pool.shutdownNow();
      wrappedPool.shutdownNow();
    }
    // A task run without wrapping runs outside the scope.
    ExecutorService plain = Executors.newSingleThreadExecutor();
    try (Scope request = obs.isolate()) {
      obs.setUser(User.id("carol"));
      plain.submit(() -> obs.captureError(new ArithmeticException("unwrapped"))).get(5, TimeUnit.SECONDS);
    } finally {
      plain.shutdownNow();
    }

    assertThat(telemetry).hasError(IllegalArgumentException.class).withUserId("bob");
    assertThat(telemetry).hasError(UnsupportedOperationException.class).withUserId("bob").withTag("from", "wrapped");
    assertThat(telemetry).hasError(ArithmeticException.class).withoutUser();
    assertThat(telemetry).hasSpan("request").withScopeUserId("bob").withBreadcrumb("child.step");
    assertThat(telemetry).hasSpan("child").withScopeUserId("bob");
  }

  @Test
  void concurrentRequestsNeverSeeEachOthersData(Observability obs, TestTelemetry telemetry) throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String user = "user-" + t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          try (Scope request = obs.isolate(); Span span = obs.startSpan("request")) {
            obs.setUser(User.id(user));
            obs.setTag("user", user);
            obs.recordEvent("step." + user, Map.of("i", i));
            Thread.yield();
            obs.captureError(new IllegalStateException(user));
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdownNow();

    assertThat(telemetry.errors()).hasSize(threads * perThread);
    for (ErrorEvent e : telemetry.errors()) {
      String user = e.message();
      assertThat(e.user().id()).isEqualTo(user);
      assertThat(e.tags()).containsEntry("user", user);
      assertThat(e.breadcrumbs()).hasSize(1).allSatisfy(b -> assertThat(b.category()).isEqualTo("step." + user));
    }
    assertThat(telemetry.spans("request")).hasSize(threads * perThread).allSatisfy(s -> {
      String user = s.scope().user().id();
      assertThat(s.scope().tags()).containsEntry("user", user);
      assertThat(s.scope().breadcrumbs()).extracting(b -> b.category()).containsExactly("step." + user);
    });
  }

  @Test
  void scopeEntriesAreBoundedAndCounted() {
    TestTelemetry telemetry = new TestTelemetry();
    try (Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).set("routing.errors", "memory").set("routing.events", "memory")
        .set("routing.traces", "memory").set("routing.metrics", "none")
        .set("limits.max_scope_tags", 3).set("limits.max_scope_contexts", 1).set("limits.max_breadcrumbs", 2)
        .build()) {
      try (Scope request = obs.isolate()) {
        for (int i = 0; i < 5; i++) {
          obs.setTag("t" + i, "v");
          obs.recordEvent("e" + i, Map.of());
        }
        obs.setTag("t0", "updated");
        obs.setContext("a", Map.of("k", 1));
        obs.setContext("b", Map.of("k", 2));
        obs.captureMessage("bounded", dev.obskit.api.Level.INFO);
      }
      ErrorEvent e = telemetry.errors().get(0);
      assertThat(e.tags()).containsOnlyKeys("t0", "t1", "t2").containsEntry("t0", "updated");
      assertThat(e.contexts()).containsOnlyKeys("a");
      assertThat(e.breadcrumbs()).extracting(b -> b.category()).containsExactly("e3", "e4");
      assertThat(obs.selfMetrics().snapshot()).containsEntry("dropped.scope_tag_limit", 2L)
          .containsEntry("dropped.scope_context_limit", 1L).containsEntry("dropped.scope_breadcrumb_limit", 3L);
    }
  }

  @Test
  void isolateOnTheNoopAndAClosedInstanceIsHarmless() {
    try (Scope s = Observability.noop().isolate()) {
      Observability.noop().setUser(User.id("x"));
    }
    TestTelemetry telemetry = new TestTelemetry();
    Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of()).provider(new MemoryBackendProvider(telemetry))
        .set("routing.errors", "memory").build();
    obs.close();
    try (Scope s = obs.isolate()) {
      obs.setUser(User.id("x"));
    }
    assertThat(telemetry.errors()).isEmpty();
  }
}
