package dev.obskit.it.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedMetric;
import dev.obskit.testkit.otlp.ReceivedSpan;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example configuration of obskit's first design document, verbatim
 * ({@code config/first-design-default.yaml}), with its flat {@code otel:} keys: it starts
 * unchanged, with the real otel and sentry backends, and means what it says.
 */
class FirstDesignConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final OtlpHttpReceiver collector = OtlpHttpReceiver.start();
  private final SentryTestServer sentry = SentryTestServer.start();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger logger = Logger.getLogger("dev.obskit");
  private final Level level = logger.getLevel();

  FirstDesignConfigurationTest() {
    logger.addHandler(capture);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(capture);
    logger.setLevel(level);
    collector.close();
    sentry.close();
  }

  private static Path file() throws URISyntaxException {
    return Path.of(FirstDesignConfigurationTest.class.getResource("/config/first-design-default.yaml").toURI());
  }

  @Test
  void theFileRunsUnchangedAndEveryKeyMeansWhatItSays() throws Exception {
    Observability obs = ObservabilitySdk.builder().configFile(file())
        .environmentVariables(Map.of("SENTRY_DSN", sentry.dsn(), "ENV", "staging", "SERVICE_NAME", "checkout",
            "OTEL_OTLP_ENDPOINT", collector.endpoint()))
        // Export promptly; the file's keys are not touched.
        .set("otel.traces.batch.schedule_delay", "100ms")
        .build();
    String traceId;
    try {
      Counter orders = obs.counter("orders.placed");
      try (Span span = obs.startSpan("place_order")) {
        traceId = span.context().traceId();
        orders.add(1, Labels.of("region", "eu"));
        obs.captureError(new IllegalStateException("card declined"));
      }
      assertThat(obs.flush(WAIT)).isTrue();
    } finally {
      obs.close(WAIT);
    }

    // otel.service_name -> service.name; otel.exporter/endpoint -> OTLP for traces and metrics.
    ReceivedSpan span = collector.awaitSpan("place_order", WAIT);
    assertThat(span.traceId()).isEqualTo(traceId);
    assertThat(span.resource()).containsEntry("service.name", "checkout");
    ReceivedMetric metric = collector.awaitMetric("orders.placed", WAIT);
    assertThat(metric.resource()).containsEntry("service.name", "checkout");
    // routing.errors: sentry with sentry.environment; traces: both (Sentry mirrors the same trace).
    ReceivedItem error = sentry.awaitEvent(e -> true, WAIT);
    assertThat(error.getString("environment")).isEqualTo("staging");
    assertThat(error.traceId()).isEqualTo(traceId);
    ReceivedItem transaction = sentry.awaitTransaction(t -> true, WAIT);
    assertThat(transaction.traceId()).isEqualTo(traceId);

    assertThat(logged).filteredOn(r -> r.getMessage().startsWith("obskit: note:"))
        .extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).contains("otel.service_name").contains("service.name"))
        .anySatisfy(m -> assertThat(m).contains("otel.exporter").contains("otel.traces.exporter")
            .contains("otel.metrics.exporter"))
        .anySatisfy(m -> assertThat(m).contains("otel.endpoint").contains("otel.otlp.endpoint"));
    assertThat(logged).filteredOn(r -> r.getMessage().startsWith("obskit started"))
        .singleElement().extracting(LogRecord::getMessage).asString()
        .contains("service.name=checkout (file ").contains("otel.otlp.endpoint=");
  }

  @Test
  void itStartsWithNoneOfItsVariablesSet() throws Exception {
    // ${SENTRY_DSN} empty disables Sentry; the empty endpoint and service name keep their defaults.
    Observability obs = ObservabilitySdk.builder().configFile(file()).environmentVariables(Map.of())
        // Nowhere to send to in this test: the file's exporter would try localhost:4318.
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none")
        .build();
    obs.close(WAIT);
    assertThat(logged).extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).contains("otel.endpoint is empty"))
        .anySatisfy(m -> assertThat(m).contains("no DSN"));
  }

  @Test
  void falseFlagsSwitchTheirSignalsExportOff() throws Exception {
    String yaml = java.nio.file.Files.readString(file())
        .replace("metrics_enabled: true", "metrics_enabled: false")
        .replace("traces_enabled: true", "traces_enabled: false");
    Observability obs = ObservabilitySdk.builder().configYaml(yaml)
        .environmentVariables(Map.of("OTEL_OTLP_ENDPOINT", collector.endpoint()))
        .build();
    try (Span span = obs.startSpan("nowhere")) {
      obs.counter("nowhere.count").add(1);
    }
    assertThat(obs.flush(WAIT)).isTrue();
    obs.close(WAIT);
    assertThat(collector.traceRequests() + collector.metricRequests()).isZero();
    assertThat(logged).filteredOn(r -> r.getMessage().startsWith("obskit started")).singleElement()
        .extracting(LogRecord::getMessage).asString()
        .contains("traces.exporter=none").contains("metrics.exporter=none");
  }
}
