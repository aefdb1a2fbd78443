package dev.obskit.backend.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code sentry:} section: DSN handling, validation, masking, environment overrides. */
class SentryConfigTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef";
  private final SentryTestServer server = SentryTestServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private static ObservabilitySdk.Builder builder() {
    return ObservabilitySdk.builder().serviceName("svc").environmentVariables(Map.of())
        .provider(new SentryBackendProvider())
        .route(Signal.ERRORS, "sentry").route(Signal.EVENTS, "sentry").route(Signal.TRACES, "sentry")
        .route(Signal.METRICS, "none");
  }

  @Test
  void anEmptyDsnDisablesTheBackendWithOneWarningAndSignalsBecomeNoOps() {
    try (LogCapture log = new LogCapture("dev.obskit.sentry")) {
      Observability obs = builder().set("sentry.dsn", "").build();
      try (Span s = obs.startSpan("work")) {
        obs.captureError(new IllegalStateException("nowhere"));
        obs.recordEvent("e", Map.of());
      }
      obs.captureMessage("again", Level.ERROR);
      assertThat(obs.close(Duration.ofSeconds(2))).isTrue();
      assertThat(log.warnings()).singleElement().asString().contains("no DSN").contains("OBS_SENTRY_DSN");
    }
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aMissingDsnDisablesTheBackendToo() {
    try (LogCapture log = new LogCapture("dev.obskit.sentry")) {
      Observability obs = builder().build();
      obs.captureError(new IllegalStateException("nowhere"));
      obs.close(Duration.ofSeconds(2));
      assertThat(log.warnings()).hasSize(1);
    }
  }

  @Test
  void aMalformedDsnIsAConfigurationProblemNamingTheKeyWithoutRevealingIt() {
    for (String bad : new String[] {"ftp://" + KEY + "@sentry.example.com/1", "http://" + KEY + "@sentry.example.com",
        "http://sentry.example.com/1", "not a dsn " + KEY}) {
      assertThatThrownBy(() -> builder().set("sentry.dsn", bad).build())
          .as(bad)
          .isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.problems()).filteredOn(p -> p.path().equals("sentry.dsn")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("malformed Sentry DSN").doesNotContain(KEY));
            assertThat(e.getMessage()).doesNotContain(KEY);
          });
    }
  }

  @Test
  void outOfRangeValuesAndUnknownKeysAreReportedTogether() {
    assertThatThrownBy(() -> builder().set("sentry.dsn", server.dsn()).set("sentry.traces_sample_rate", 1.5)
        .set("sentry.max_queue_size", 0).set("sentry.dsnn", "typo").build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(p -> p.path())
            .contains("sentry.traces_sample_rate", "sentry.max_queue_size", "sentry.dsnn"));
  }

  @Test
  void everyDocumentedKeyIsAccepted() {
    Map<String, Object> section = Map.ofEntries(Map.entry("dsn", server.dsn()), Map.entry("environment", "prod"),
        Map.entry("release", "r1"), Map.entry("server_name", "host-1"), Map.entry("traces_sample_rate", 0.5),
        Map.entry("send_default_pii", false), Map.entry("max_queue_size", 100), Map.entry("flush_timeout", "3s"),
        Map.entry("shutdown_timeout", "1s"), Map.entry("max_breadcrumbs", 50), Map.entry("debug", false),
        Map.entry("scrub_keys", java.util.List.of("ssn")), Map.entry("in_app_includes", java.util.List.of("com.acme")));
    try (BackendHarness.Created created = BackendHarness.create(new SentryBackendProvider(), section,
        EnumSet.of(Signal.ERRORS, Signal.TRACES, Signal.EVENTS), true)) {
      // Created without a ConfigurationException: every key was known and valid.
      assertThat(created.backend().describe()).containsEntry("environment", "prod").containsEntry("release", "r1");
    }
  }

  @Test
  void theDsnIsReadFromTheEnvironmentAndMaskedInTheSummary() {
    String dsn = server.dsn(KEY);
    try (LogCapture log = new LogCapture("dev.obskit")) {
      Observability obs = builder().environmentVariables(Map.of("OBS_SENTRY_DSN", dsn)).build();
      obs.captureMessage("from env", Level.ERROR);
      server.awaitEvent(e -> "from env".equals(e.getString("message.formatted")), Duration.ofSeconds(10));
      obs.close(Duration.ofSeconds(2));
      assertThat(String.join("\n", log.lines())).contains("http://****@127.0.0.1:" + server.port() + "/1")
          .doesNotContain(KEY);
    }
  }

  @Test
  void sentrysOwnVariablesConfigureTheBackendBelowObsOnes() {
    Observability obs = builder().environmentVariables(Map.of("SENTRY_DSN", server.dsn(), "SENTRY_ENVIRONMENT", "staging",
        "SENTRY_RELEASE", "shop@9.9.9", "OBS_SENTRY_RELEASE", "shop@1.0.0")).build();
    obs.captureMessage("from standard variables", Level.ERROR);
    var event = server.awaitEvent(e -> "from standard variables".equals(e.getString("message.formatted")),
        Duration.ofSeconds(10));
    obs.close(Duration.ofSeconds(2));
    assertThat(event.getString("environment")).isEqualTo("staging");
    assertThat(event.getString("release")).as("OBS_* wins over SENTRY_*").isEqualTo("shop@1.0.0");
  }

  @Test
  void theScopesAreTheInteropHandle() {
    Observability obs = builder().set("sentry.dsn", server.dsn()).build();
    io.sentry.IScopes scopes = obs.unwrap(io.sentry.IScopes.class).orElseThrow();
    scopes.captureMessage("raw through the handle");
    server.awaitEvent(e -> "raw through the handle".equals(e.getString("message.formatted")), Duration.ofSeconds(10));
    obs.close(Duration.ofSeconds(2));
  }

  @Test
  void describeMasksTheDsn() {
    try (BackendHarness.Created created = BackendHarness.create(new SentryBackendProvider(),
        Map.of("dsn", server.dsn(KEY)), EnumSet.of(Signal.ERRORS), false)) {
      assertThat(created.backend().describe()).containsEntry("dsn", "http://****@127.0.0.1:" + server.port() + "/1");
      assertThat(created.backend().describe().toString()).doesNotContain(KEY);
    }
  }

  @Test
  void sentrysOwnDiagnosticsInDebugModeNeverShowTheKey() {
    try (LogCapture log = new LogCapture("dev.obskit.sentry")) {
      Observability obs = builder().set("sentry.dsn", server.dsn(KEY)).set("sentry.debug", true).build();
      obs.captureMessage("debug me", Level.ERROR);
      server.awaitEvent(e -> true, Duration.ofSeconds(10));
      obs.close(Duration.ofSeconds(2));
      assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("sentry:"));
      assertThat(log.lines()).noneSatisfy(l -> assertThat(l).contains(KEY));
    }
  }
}
