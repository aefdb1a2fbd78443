package dev.obskit.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.LoggerContext;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hostile input through the real Logback never reaches the application as an exception, and
 * every event is either delivered or counted: messages, MDC values and key-value pairs of any
 * size and content, malformed ids under the trace keys, key-value pairs whose toString throws.
 */
class AppenderNeverThrowsTest {
  private static final String[] ODD = {"", " ", "\u0000", "x".repeat(20_000), "\uD83D\uDE00 \u202E",
      "trace_id", "0".repeat(32), "zz", "4bf92f3577b34da6a3ce929d0e0e4736", "{}", "%s %d", null};

  private static String odd(Random r) {
    return r.nextInt(4) == 0 ? Long.toHexString(r.nextLong()) : ODD[r.nextInt(ODD.length)];
  }

  @Test
  void randomHostileEventsNeverThrowAndAreDeliveredOrCounted() {
    TestTelemetry telemetry = new TestTelemetry();
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).set("logs.level", "trace")
        .set("logs.max_per_second", 1_000_000).set("logs.max_attributes", 3).set("limits.max_string_length", 100);
    for (Signal s : Signal.values()) {
      b.route(s, "memory");
    }
    LoggerContext context = Logback.configure("<appender name=\"OBSKIT\" class=\"dev.obskit.logback.ObskitAppender\">"
        + "<breadcrumbs>true</breadcrumbs></appender><root level=\"TRACE\"><appender-ref ref=\"OBSKIT\"/></root>");
    Observability obs = b.build();
    ObskitLogging.install(obs);
    Logger log = LoggerFactory.getLogger("app.Fuzz");
    Object throwsOnToString = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("toString");
      }
    };
    long seed = System.nanoTime();
    Random r = new Random(seed);
    int events = 2_000;
    try {
      assertThatCode(() -> {
        for (int i = 0; i < events; i++) {
          MDC.clear();
          for (int k = r.nextInt(6); k > 0; k--) {
            String key = r.nextBoolean() ? new String[] {"trace_id", "span_id", "trace_flags"}[r.nextInt(3)] : odd(r);
            if (key != null) {
              MDC.put(key, odd(r));
            }
          }
          Object arg = odd(r);
          Throwable t = r.nextInt(4) == 0 ? new RuntimeException(odd(r), r.nextBoolean() ? new Error(odd(r)) : null) : null;
          switch (r.nextInt(3)) {
            case 0 -> log.atLevel(org.slf4j.event.Level.values()[r.nextInt(5)]).addKeyValue(odd(r), arg)
                .addKeyValue(odd(r), r.nextBoolean() ? throwsOnToString : r.nextInt()).setCause(t).log(odd(r), arg);
            case 1 -> log.error(odd(r), arg, t);
            default -> log.info(odd(r), arg, arg);
          }
        }
      }).as("seed %d", seed).doesNotThrowAnyException();
      long lost = obs.selfMetrics().snapshot().entrySet().stream()
          .filter(e -> e.getKey().equals("dropped.capture_failure") || e.getKey().startsWith("logback.dropped.")).mapToLong(Map.Entry::getValue).sum();
      assertThat(telemetry.logs().size() + lost).as("seed %d: delivered + counted", seed).isEqualTo(events);
    } finally {
      MDC.clear();
      ObskitLogging.uninstall();
      context.reset();
      obs.close();
    }
  }
}
