package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.LogLevel;
import dev.obskit.api.Observability;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.Span;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Class 2 of the reliability issue, the losses inside the Sentry backend: for every way the
 * endpoint can fail, what the backend was handed equals what was delivered plus what was counted
 * as dropped, per kind (errors, transactions, log records), once {@code close} has returned; and every drop
 * kind was warned about, naming the setting that would have prevented it.
 */
class SentryAccountingTest {
  private static final int ERRORS = 7;
  private static final int TRANSACTIONS = 100;
  private static final int LOGS = 60;

  enum Fault {
    ACCEPT, REFUSE, HANG, TOO_MANY_REQUESTS, SERVER_ERROR, CLOSE_DEADLINE
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void attemptedEqualsDeliveredPlusCountedDrops(Fault fault) {
    SentryTestServer sentry = SentryTestServer.start();
    try (LogRecords logs = new LogRecords()) {
      Observability obs = Sdks.sentryAndOtel(sentry.dsn()).set("sentry.flush_timeout", "1s")
          .set("sentry.shutdown_timeout", "500ms").build();
      switch (fault) {
        case REFUSE:
          sentry.close();
          break;
        case HANG:
        case CLOSE_DEADLINE:
          sentry.stall();
          break;
        case TOO_MANY_REQUESTS:
          sentry.respondWith429(60);
          break;
        case SERVER_ERROR:
          sentry.respondWithStatus(500);
          break;
        default:
          break;
      }
      for (int i = 0; i < TRANSACTIONS; i++) {
        try (Span root = obs.startSpan("request " + i)) {
          obs.startSpan("child").close();
          if (i % (TRANSACTIONS / ERRORS) == 0 && i / (TRANSACTIONS / ERRORS) < ERRORS) {
            obs.captureError(new IllegalStateException("failure " + i));
          }
          if (i < LOGS) {
            obs.log(LogLevel.WARN, "request " + i + " is slow", Map.of("request", i));
          }
        }
      }
      Duration deadline = fault == Fault.CLOSE_DEADLINE ? Duration.ofMillis(300) : Duration.ofSeconds(3);
      obs.close(deadline);
      SelfMetrics m = obs.selfMetrics();
      String all = m.snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("sentry."))
          .map(Object::toString).collect(Collectors.joining(", "));
      for (String kind : new String[] {"errors", "transactions", "logs"}) {
        long attempted = m.get("sentry." + kind + ".attempted");
        long delivered = m.get("sentry." + kind + ".delivered");
        long dropped = Sdks.sum(m, "sentry." + kind + ".dropped.");
        assertThat(attempted).as(kind + " handed to Sentry (%s)", all)
            .isEqualTo(kind.equals("errors") ? ERRORS : kind.equals("logs") ? LOGS : TRANSACTIONS);
        assertThat(delivered + dropped).as(kind + ": delivered + dropped = attempted (%s)", all).isEqualTo(attempted);
        if (fault != Fault.ACCEPT) {
          assertThat(dropped).as(kind + " dropped under " + fault + " (%s)", all).isPositive();
        }
      }
      if (fault == Fault.ACCEPT) {
        assertThat(sentry.events()).hasSize((int) m.get("sentry.errors.delivered"));
        assertThat(sentry.transactions()).hasSize((int) m.get("sentry.transactions.delivered"));
        assertThat(m.get("sentry.errors.delivered")).isEqualTo(ERRORS);
        // Log batches share the transactions' queue, which this burst of transactions may fill.
        assertThat(sentry.logs()).as("logs received (%s)", all).hasSize((int) m.get("sentry.logs.delivered"));
      }
      // Each drop kind that happened was warned about, naming a setting.
      Map<String, Long> kinds = m.snapshot().entrySet().stream()
          .filter(e -> e.getKey().matches("sentry\\.(errors|transactions|logs)\\.dropped\\..*"))
          .collect(Collectors.toMap(e -> e.getKey().replaceAll(".*\\.dropped\\.", ""), Map.Entry::getValue, Long::sum));
      for (String kind : kinds.keySet()) {
        assertThat(logs.messages(Level.WARNING)).as("a warning for drop kind " + kind)
            .anyMatch(msg -> msg.contains(kind) && msg.contains("sentry."));
      }
    } finally {
      sentry.resume();
      sentry.close();
    }
  }
}
