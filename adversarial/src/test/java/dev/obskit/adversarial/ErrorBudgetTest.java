package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Class 3 of the reliability issue: with {@code traces: both} every request also mirrors a
 * transaction into Sentry; errors must not be crowded out by them. 500 requests per second for
 * four seconds, one in ten failing, against a real HTTP endpoint on 127.0.0.1, with the default
 * settings: every error arrives.
 */
class ErrorBudgetTest {
  private static final int RATE = 500;
  private static final int SECONDS = 4;
  private static final int ERROR_EVERY = 10;

  @Test
  void noErrorIsLostAt500RequestsPerSecondWithTracesBoth() {
    try (SentryTestServer sentry = SentryTestServer.start()) {
      Observability obs = Sdks.start(sentry.dsn());
      int requests = RATE * SECONDS;
      long interval = 1_000_000_000L / RATE;
      long next = System.nanoTime();
      int errors = 0;
      for (int i = 0; i < requests; i++) {
        try (Span request = obs.startSpan("GET /questions")) {
          request.setAttribute("http.route", "/questions");
          obs.startSpan("db.query").close();
          obs.startSpan("render").close();
          if (i % ERROR_EVERY == 0) {
            obs.captureError(new IllegalStateException("request " + i + " failed"));
            errors++;
          }
        }
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      obs.close(Duration.ofSeconds(10));
      long lost = Sdks.sum(obs.selfMetrics(), "sentry.errors.dropped.")
          + errors - sentry.events().size();
      assertThat(sentry.events()).as("errors received (self-metrics: %s)", obs.selfMetrics().snapshot())
          .hasSize(errors);
      assertThat(lost).isZero();
      // The mirror kept working too; what it could not send is counted, never silent.
      assertThat(sentry.transactions()).isNotEmpty();
    }
  }
}
