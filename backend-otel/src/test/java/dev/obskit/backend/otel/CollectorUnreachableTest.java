package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.obskit.api.Counter;
import dev.obskit.api.Histogram;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collector is down or stuck: the application must not notice (no exception, no waiting),
 * close must keep its deadline, and what was lost must be counted. Bounds are generous on
 * purpose: they prove "does not wait on the network", not performance.
 */
class CollectorUnreachableTest {
  private static final int SPANS = 200;
  private static final Labels MATH = Labels.of("type", "math");

  private static Observability sdk(String endpoint) {
    return ObservabilitySdk.builder()
        .serviceName("question-service")
        .environmentVariables(Map.of())
        .provider(new OtelBackendProvider())
        .route(Signal.TRACES, "otel")
        .route(Signal.METRICS, "otel")
        .route(Signal.ERRORS)
        .route(Signal.EVENTS)
        .set("otel.otlp.endpoint", endpoint)
        // Retries stay on (the default): close must still keep its deadline.
        .build();
  }

  /** A port on 127.0.0.1 where nothing listens (connection refused). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void connectionRefused() throws IOException {
    exercise(sdk("http://127.0.0.1:" + closedPort()));
  }

  @Test
  void serverThatAcceptsAndNeverAnswers() {
    try (OtlpHttpReceiver stuck = OtlpHttpReceiver.start().hang()) {
      Observability obs = sdk(stuck.endpoint());
      exercise(obs);
      assertThat(stuck.traceRequests() + stuck.metricRequests()).isPositive();
    }
  }

  private static void exercise(Observability obs) {
    Counter counter = obs.counter("questions.generated");
    Histogram histogram = obs.histogram("generation.duration");
    long recordStart = System.nanoTime();
    assertThatCode(() -> {
      for (int i = 0; i < SPANS; i++) {
        try (Span span = obs.startSpan("work")) {
          span.setAttribute("i", (long) i);
          counter.add(1, MATH);
          histogram.record(i, MATH);
        }
      }
      // A flush against a dead collector reports failure within its deadline, never throws.
      obs.flush(Duration.ofMillis(500));
    }).doesNotThrowAnyException();
    Duration recording = Duration.ofNanos(System.nanoTime() - recordStart);
    assertThat(recording).isLessThan(Duration.ofSeconds(5));

    long closeStart = System.nanoTime();
    boolean closed = obs.close(Duration.ofSeconds(2));
    Duration closing = Duration.ofNanos(System.nanoTime() - closeStart);
    System.out.printf("collector unreachable: %d spans recorded in %d ms, close(2s) took %d ms, returned %s, "
        + "self-metrics %s%n", SPANS, recording.toMillis(), closing.toMillis(), closed, obs.selfMetrics().snapshot());

    assertThat(closed).isFalse();
    assertThat(closing).isLessThan(Duration.ofMillis(2_500));
    // Every span was lost, and counted once: either still queued, or inside an export that
    // failed or was abandoned at close. When the core stopped waiting at its deadline, the
    // backend's close, still running, counts them a moment later.
    awaitCount(obs, "otel.spans_dropped", SPANS);
    assertThat(obs.selfMetrics().get("otel.spans_dropped")).isEqualTo(SPANS);
    assertThat(obs.selfMetrics().get("otel.export_failures")).isPositive();
    assertThat(obs.selfMetrics().get("otel.metrics_dropped")).isPositive();
  }

  private static void awaitCount(Observability obs, String key, long expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (obs.selfMetrics().get(key) < expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
