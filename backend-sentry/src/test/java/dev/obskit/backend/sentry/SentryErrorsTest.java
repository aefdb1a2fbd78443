package dev.obskit.backend.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.sentry.Sentry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Errors and events through the facade, asserted on the wire (real Sentry SDK over 127.0.0.1). */
class SentryErrorsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SentryTestServer server = SentryTestServer.start();
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
    }
    server.close();
  }

  private Observability start(Map<String, Object> sentry) {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder()
        .serviceName("question-service").serviceVersion("1.2.3").environment("staging")
        .environmentVariables(Map.of())
        .provider(new SentryBackendProvider())
        .route(Signal.ERRORS, "sentry").route(Signal.EVENTS, "sentry")
        .route(Signal.TRACES, "none").route(Signal.METRICS, "none")
        .set("sentry.dsn", server.dsn());
    sentry.forEach((k, v) -> b.set("sentry." + k, v));
    obs = b.build();
    return obs;
  }

  private static RuntimeException thrown() {
    try {
      throw new IllegalStateException("generation failed");
    } catch (IllegalStateException e) {
      return e;
    }
  }

  @Test
  void errorArrivesWithTypeMessageFramesLevelTagsContextsUserAndFingerprint() {
    start(Map.of());
    obs.setTag("region", "eu");
    obs.setUser(User.id("42"));
    obs.setContext("llm", Map.of("model", "gpt", "attempt", 2));
    obs.captureError(ErrorEvent.builder(thrown()).level(Level.WARNING).context("provider", "openai")
        .tag("stage", "generate").fingerprint("llm-timeout").build());

    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(e.getString("exception.values.0.type")).isEqualTo("IllegalStateException");
    assertThat(e.getString("exception.values.0.module")).isEqualTo("java.lang");
    assertThat(e.getString("exception.values.0.value")).isEqualTo("generation failed");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> frames = (List<Map<String, Object>>) e.get("exception.values.0.stacktrace.frames");
    assertThat(frames).anySatisfy(f -> assertThat(f).containsEntry("function", "thrown")
        .containsEntry("module", SentryErrorsTest.class.getName()));
    assertThat(e.getString("level")).isEqualTo("warning");
    assertThat(e.getString("tags.region")).isEqualTo("eu");
    assertThat(e.getString("tags.stage")).isEqualTo("generate");
    assertThat(e.get("contexts.context.provider")).isEqualTo("openai");
    assertThat(e.get("contexts.llm.model")).isEqualTo("gpt");
    assertThat(e.get("contexts.llm.attempt")).isEqualTo(2);
    assertThat(e.getString("user.id")).isEqualTo("42");
    assertThat(e.get("fingerprint")).isEqualTo(List.of("llm-timeout"));
    assertThat(e.getString("release")).isEqualTo("question-service@1.2.3");
    assertThat(e.getString("environment")).isEqualTo("staging");
    assertThat(e.getString("server_name")).isNotBlank();
  }

  @Test
  void releaseEnvironmentAndServerNameFromConfig() {
    start(Map.of("release", "r-9", "environment", "prod-eu", "server_name", "web-1"));
    obs.captureMessage("hello", Level.INFO);
    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(e.getString("message.formatted")).isEqualTo("hello");
    assertThat(e.getString("level")).isEqualTo("info");
    assertThat(e.getString("release")).isEqualTo("r-9");
    assertThat(e.getString("environment")).isEqualTo("prod-eu");
    assertThat(e.getString("server_name")).isEqualTo("web-1");
  }

  @Test
  void errorInsideFacadeSpanCarriesItsIdsInTraceContextAndEnvelopeHeader() {
    start(Map.of());
    String traceId;
    String spanId;
    try (Span span = obs.startSpan("generate_question")) {
      traceId = span.context().traceId();
      spanId = span.context().spanId();
      obs.captureError(thrown());
    }
    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(traceId).matches("[0-9a-f]{32}");
    assertThat(e.traceId()).isEqualTo(traceId);
    assertThat(e.spanId()).isEqualTo(spanId);
    assertThat(e.headerTraceId()).isEqualTo(traceId);
  }

  @Test
  void errorsWithoutSpanGetDistinctTraces() {
    start(Map.of());
    obs.captureMessage("first", Level.ERROR);
    obs.captureMessage("second", Level.ERROR);
    List<ReceivedItem> events = server.awaitItems("event", x -> true, 2, WAIT);
    assertThat(events.get(0).traceId()).isNotEqualTo(events.get(1).traceId());
    assertThat(events.get(0).headerTraceId()).isEqualTo(events.get(0).traceId());
  }

  @Test
  void userPersonalDataOnlyWithSendDefaultPii() {
    start(Map.of());
    obs.captureError(ErrorEvent.builder(thrown())
        .user(User.builder().id("7").email("ann@example.org").username("ann").ipAddress("10.0.0.7").build()).build());
    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(e.getString("user.id")).isEqualTo("7");
    assertThat(e.get("user.email")).isNull();
    assertThat(e.get("user.username")).isNull();
    assertThat(e.get("user.ip_address")).isNull();
    assertThat(e.envelope().raw()).doesNotContain("ann@example.org").doesNotContain("10.0.0.7");
  }

  @Test
  void userPersonalDataSentWhenSendDefaultPiiIsOn() {
    start(Map.of("send_default_pii", true));
    obs.captureError(ErrorEvent.builder(thrown())
        .user(User.builder().id("7").email("ann@example.org").username("ann").build()).build());
    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(e.getString("user.email")).isEqualTo("ann@example.org");
    assertThat(e.getString("user.username")).isEqualTo("ann");
  }

  @Test
  void secretsAreScrubbedFromContextsTagsNamedContextsAndBreadcrumbs() {
    start(Map.of("scrub_keys", List.of("session_ref")));
    obs.setContext("db", Map.of("user", "app", "password", "s3cr3t-db", "nested", Map.of("api_key", "s3cr3t-nested")));
    obs.setTag("auth_token", "s3cr3t-tag");
    obs.recordEvent("login", Map.of("cookie", "s3cr3t-cookie", "step", "2"));
    obs.captureError(ErrorEvent.builder(thrown()).context("Authorization", "Bearer s3cr3t-header")
        .context("session_ref", "s3cr3t-custom").context("provider", "openai").build());

    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(e.envelope().raw()).doesNotContain("s3cr3t");
    assertThat(e.getString("contexts.context.Authorization")).isEqualTo("[Filtered]");
    assertThat(e.getString("contexts.context.session_ref")).isEqualTo("[Filtered]");
    assertThat(e.getString("contexts.context.provider")).isEqualTo("openai");
    assertThat(e.getString("contexts.db.password")).isEqualTo("[Filtered]");
    assertThat(e.getString("contexts.db.user")).isEqualTo("app");
    assertThat(e.getString("contexts.db.nested.api_key")).isEqualTo("[Filtered]");
    assertThat(e.getString("tags.auth_token")).isEqualTo("[Filtered]");
    assertThat(SentryWire.breadcrumbs(e)).anySatisfy(b -> {
      assertThat(b).containsEntry("category", "login");
      assertThat(b.get("data")).isEqualTo(Map.of("cookie", "[Filtered]", "step", "2"));
    });
  }

  @Test
  void eventsBecomeBreadcrumbsOfTheNextError() {
    start(Map.of());
    obs.recordEvent("pipeline.stage_done", Map.of("stage", "dedup"));
    obs.recordEvent("pipeline.stage_done", Map.of("stage", "rank"));
    obs.captureError(thrown());
    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(SentryWire.breadcrumbs(e)).extracting(b -> b.get("category"), b -> ((Map<?, ?>) b.get("data")).get("stage"))
        .containsSubsequence(org.assertj.core.groups.Tuple.tuple("pipeline.stage_done", "dedup"),
            org.assertj.core.groups.Tuple.tuple("pipeline.stage_done", "rank"));
  }

  @Test
  void errorCapturedThroughSentrysStaticApiWhileAFacadeSpanIsCurrentCarriesTheSpanIds() {
    start(Map.of());
    // The application initialises Sentry's static hub itself (as a logging appender would).
    Sentry.init(o -> {
      o.setDsn(server.dsn("app-key"));
      o.setEnableUncaughtExceptionHandler(false);
      o.setEnableShutdownHook(false);
    });
    try {
      String traceId;
      String spanId;
      try (Span span = obs.startSpan("handle_request")) {
        traceId = span.context().traceId();
        spanId = span.context().spanId();
        Sentry.captureException(new IllegalArgumentException("outside the facade"),
            scope -> scope.setContexts("request", Map.of("password", "s3cr3t-static")));
      }
      Sentry.flush(5_000);
      ReceivedItem e = server.awaitEvent(x -> "outside the facade".equals(x.getString("exception.values.0.value")), WAIT);
      assertThat(e.traceId()).isEqualTo(traceId);
      assertThat(e.spanId()).isEqualTo(spanId);
      assertThat(e.envelope().raw()).doesNotContain("s3cr3t-static");
    } finally {
      Sentry.close();
    }
  }

  @Test
  void theBackendLeavesSentrysStaticHubAlone() {
    start(Map.of());
    obs.captureError(thrown());
    server.awaitEvent(x -> true, WAIT);
    assertThat(Sentry.isEnabled()).isFalse();
  }
}
