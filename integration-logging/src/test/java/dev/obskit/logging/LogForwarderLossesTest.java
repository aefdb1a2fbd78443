package dev.obskit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.Sinks;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events the forwarder loses are counted and said once: one logged by a backend while it handles
 * a record (which must not loop), one the appender could not read.
 */
class LogForwarderLossesTest {
  private final List<String> warnings = new ArrayList<>();
  private final List<String> emitted = new ArrayList<>();
  private final LogForwarder forwarder =
      new LogForwarder("test", false, false, LogLevel.INFO, 10, warnings::add);
  private Observability obs;

  @AfterEach
  void stop() {
    ObskitLogging.install(null);
    forwarder.stop();
    if (obs != null) {
      obs.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void anEventLoggedWhileForwardingIsDroppedCountedAndSaidOnce() {
    obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .provider(new LoggingBackendProvider()).route(Signal.LOGS, "logging-backend")
        .route(Signal.ERRORS, "none").route(Signal.METRICS, "none").route(Signal.TRACES, "none")
        .route(Signal.EVENTS, "none").build();
    forwarder.start();
    ObskitLogging.install(obs);

    forwarder.forward(LogRecord.builder(LogLevel.INFO, "first").build());
    forwarder.forward(LogRecord.builder(LogLevel.INFO, "second").build());

    assertThat(emitted).containsExactly("first", "second");
    assertThat(obs.selfMetrics().get("test.dropped.reentrant")).isEqualTo(2);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("test.dropped.reentrant");
  }

  @Test
  void eventsTheAppenderCannotReadAreCountedAndSaidOncePerReason() {
    obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .provider(new LoggingBackendProvider()).route(Signal.LOGS, "logging-backend")
        .route(Signal.ERRORS, "none").route(Signal.METRICS, "none").route(Signal.TRACES, "none")
        .route(Signal.EVENTS, "none").build();
    ObskitLogging.install(obs);

    forwarder.unreadable(new IllegalStateException("toString failed"));
    forwarder.unreadable(new IllegalStateException("again"));

    assertThat(obs.selfMetrics().get("test.dropped.unreadable")).isEqualTo(2);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("test.dropped.unreadable").contains("toString failed");
  }

  @Test
  void theSdksOwnLoggersAreLeftOutAndTheApplicationsAreNot() {
    assertThat(LogForwarder.isOwnLogger("dev.obskit.core.internal.RateLimitedLogger")).isTrue();
    assertThat(LogForwarder.isOwnLogger("io.opentelemetry.exporter.internal.http.HttpExporter")).isTrue();
    assertThat(LogForwarder.isOwnLogger("io.sentry.transport.AsyncHttpTransport")).isTrue();
    assertThat(LogForwarder.isOwnLogger("dev.obskitchen.Orders")).isFalse();
    assertThat(LogForwarder.isOwnLogger("app.Orders")).isFalse();
    assertThat(LogForwarder.isOwnLogger(null)).isFalse();
  }

  /** A log backend that, like an exporter reporting a failure, logs through the appender while emitting. */
  private final class LoggingBackendProvider implements BackendProvider {
    @Override
    public String name() {
      return "logging-backend";
    }

    @Override
    public Backend create(BackendContext context) {
      LogSink sink = record -> {
        emitted.add(record.message());
        forwarder.forward(LogRecord.builder(LogLevel.WARN, "backend complains about " + record.message()).build());
      };
      return new Backend() {
        @Override
        public String name() {
          return "logging-backend";
        }

        @Override
        public Sinks sinks() {
          return Sinks.builder().logs(sink).build();
        }

        @Override
        public boolean flush(Duration timeout) {
          return true;
        }

        @Override
        public boolean close(Duration timeout) {
          return true;
        }
      };
    }
  }
}
