package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.testkit.sentry.Envelope;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Class 4 of the reliability issue: span attributes under secret keys are scrubbed before Sentry sees them. */
class SecretsInSpansTest {
  @Test
  void secretSpanAttributesNeverReachSentry() {
    try (SentryTestServer sentry = SentryTestServer.start()) {
      Observability obs = Sdks.start(sentry.dsn());
      try (Span root = obs.spanBuilder("login").attribute("password", "hunter2-root").start()) {
        root.setAttribute("http.request.header.authorization", "Bearer sekret-token");
        root.setAttribute("api_key", "key-123456");
        root.setAttribute("user.plan", "pro");
        try (Span child = obs.startSpan("check")) {
          child.setAttribute("db.password", "hunter2-child");
        }
      }
      sentry.awaitTransaction(t -> true, Duration.ofSeconds(10));
      obs.close(Duration.ofSeconds(2));
      String raw = sentry.envelopes().stream().map(Envelope::raw).reduce("", String::concat);
      assertThat(raw).contains("pro").doesNotContain("hunter2-root", "sekret-token", "key-123456", "hunter2-child");
    }
  }
}
