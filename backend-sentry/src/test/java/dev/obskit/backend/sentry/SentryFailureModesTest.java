package dev.obskit.backend.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sentry refusing connections, hanging, answering 429 or 500: capture neither throws nor blocks,
 * the queue stays bounded, drops are counted, close keeps its deadline. Bounds are generous
 * (seconds for work that takes microseconds): they prove "does not block", not performance.
 */
class SentryFailureModesTest {
  private static final int QUEUE = 5;
  private static final int CAPTURES = 10 * QUEUE;
  private static final Duration GENEROUS = Duration.ofSeconds(2);
  private final SentryTestServer server = SentryTestServer.start();
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(1));
    }
    server.close();
  }

  private Observability start(String dsn) {
    obs = ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
        .provider(new SentryBackendProvider())
        .route(Signal.ERRORS, "sentry").route(Signal.EVENTS, "none").route(Signal.TRACES, "none")
        .route(Signal.METRICS, "none")
        .set("sentry.dsn", dsn).set("sentry.max_queue_size", QUEUE).build();
    return obs;
  }

  /** Captures {@link #CAPTURES} errors and returns how long the application thread spent. */
  private Duration captureMany(int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      obs.captureError(new IllegalStateException("failure " + i));
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static long dropped(SelfMetrics m) {
    return m.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("sentry.dropped."))
        .mapToLong(Map.Entry::getValue).sum();
  }

  private static void await(String what, BooleanSupplier condition, SelfMetrics m) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; self-metrics: " + m.snapshot());
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void assertClosesWithinDeadline(Observability o, Duration deadline) {
    long start = System.nanoTime();
    o.close(deadline);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plus(GENEROUS));
  }

  @Test
  void refusedConnectionsAreCountedAndNeverReachTheCaller() {
    String dsn = server.dsn();
    server.close();
    start(dsn);
    assertThat(captureMany(CAPTURES)).isLessThan(GENEROUS);
    SelfMetrics m = obs.selfMetrics();
    // Every error is accounted for: refused (network_error) or never queued (queue_overflow).
    await("every error counted as dropped", () -> dropped(m) == CAPTURES, m);
    assertThat(m.get("sentry.dropped.network_error")).isPositive();
    assertClosesWithinDeadline(obs, Duration.ofSeconds(1));
  }

  @Test
  void aHangingServerFillsTheBoundedQueueAndTheRestIsDroppedAndCounted() {
    server.stall();
    start(server.dsn());
    assertThat(captureMany(CAPTURES)).isLessThan(GENEROUS);
    SelfMetrics m = obs.selfMetrics();
    // At most QUEUE envelopes are held (in flight or waiting); the others are dropped at once.
    assertThat(m.get("sentry.dropped.queue_overflow")).isGreaterThanOrEqualTo(CAPTURES - QUEUE);
    long start = System.nanoTime();
    boolean flushed = obs.close(Duration.ofSeconds(1));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(GENEROUS));
    assertThat(flushed).as("a hanging server cannot be flushed").isFalse();
    obs = null;
  }

  @Test
  void status429BacksOffAndCountsRateLimitedDrops() {
    server.respondWith429(60);
    start(server.dsn());
    obs.captureError(new IllegalStateException("first"));
    SelfMetrics m = obs.selfMetrics();
    await("the first envelope to be answered 429", () -> server.requestCount() >= 1, m);
    assertThat(obs.flush(Duration.ofSeconds(5))).isTrue();
    int before = server.requestCount();
    assertThat(captureMany(CAPTURES)).isLessThan(GENEROUS);
    await("rate-limited drops", () -> m.get("sentry.dropped.ratelimit_backoff") == CAPTURES, m);
    assertThat(server.requestCount()).as("nothing is sent during the back-off").isEqualTo(before);
    assertClosesWithinDeadline(obs, Duration.ofSeconds(1));
  }

  @Test
  void status500IsCountedAsSendErrors() {
    server.respondWithStatus(500);
    start(server.dsn());
    assertThat(captureMany(QUEUE)).isLessThan(GENEROUS);
    SelfMetrics m = obs.selfMetrics();
    await("send errors", () -> m.get("sentry.dropped.send_error") == QUEUE, m);
    assertThat(server.events()).isEmpty();
    assertClosesWithinDeadline(obs, Duration.ofSeconds(1));
  }

  @Test
  void closeFlushesWhatWasAcceptedWithinItsDeadline() {
    start(server.dsn());
    captureMany(QUEUE);
    assertThat(obs.close(Duration.ofSeconds(5))).isTrue();
    obs = null;
    assertThat(server.events()).hasSize(QUEUE);
  }
}
