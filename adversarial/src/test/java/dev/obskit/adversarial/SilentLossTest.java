package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Class 2 of the reliability issue, the losses inside the core: a non-finite number anywhere in
 * error or event data must not cost the error (nor any later one), and a metric name that a
 * backend would silently ignore is dropped and counted at the facade.
 */
class SilentLossTest {
  private static final int ERRORS = 100;

  @Test
  void nonFiniteNumbersInErrorAndEventDataCostNoError() {
    try (SentryTestServer sentry = SentryTestServer.start()) {
      Observability obs = Sdks.start(sentry.dsn());
      obs.setContext("numbers", Map.of("nan", Double.NaN, "ok", 1.5));
      obs.recordEvent("crumb", Map.of("inf", Double.POSITIVE_INFINITY, "f", Float.NEGATIVE_INFINITY));
      try (Span span = obs.startSpan("with-nan")) {
        span.setAttribute("ratio", Double.NaN);
        span.addEvent("e", Map.of("v", Double.NaN));
      }
      for (int i = 0; i < ERRORS; i++) {
        obs.captureError(ErrorEvent.builder(new IllegalStateException("error " + i))
            .context("nested", List.of(1.0, Double.NaN, Map.of("deep", Double.NEGATIVE_INFINITY)))
            .build());
      }
      List<?> received = sentry.awaitItems("event", e -> true, ERRORS, Duration.ofSeconds(20));
      obs.close(Duration.ofSeconds(5));
      assertThat(received).hasSize(ERRORS);
      // Every non-finite value was dropped and counted: 2 context/breadcrumb + 2 span + 2 per error.
      assertThat(obs.selfMetrics().get("dropped.non_finite_value")).isGreaterThanOrEqualTo(4 + 2L * ERRORS);
      assertThat(sentry.transactions()).isNotEmpty();
    }
  }

  @Test
  void metricNamesABackendWouldIgnoreAreDroppedAndCounted() {
    Observability obs = Sdks.sentryAndOtel("").build();
    List<String> bad = List.of("a b c", "caf\u00e9", "1abc", "-", "x".repeat(256), "a*b", "a\u0000b");
    int adds = 100;
    for (String name : bad) {
      Counter c = obs.counter(name);
      for (int i = 0; i < adds; i++) {
        c.add(1);
      }
    }
    obs.recordMetric("bad name", 1, Labels.empty(), MetricType.COUNTER);
    long dropped = obs.selfMetrics().get("dropped.invalid_name");
    obs.close(Duration.ofSeconds(2));
    assertThat(dropped).isEqualTo(bad.size() * (long) adds + 1);
  }
}
