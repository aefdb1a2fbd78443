package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.User;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCaptureTest {

  @Test
  void scopeIsMergedAndPerCallValuesWin() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      obs.setUser(User.id("global"));
      obs.setTag("region", "eu");
      obs.setTag("stage", "global");
      obs.setContext("app", Map.of("build", 12));
      obs.captureError(ErrorEvent.builder(new IllegalStateException("x")).tag("stage", "local").user(User.id("local"))
          .level(Level.WARNING).fingerprint("fp").build());
      obs.setTag("region", null);
      obs.captureError(new RuntimeException("y"), Map.of("provider", "openai"), Level.FATAL);

      FakeBackend b = fake.backend();
      ErrorEvent first = b.errors.get(0);
      assertThat(first.tags()).containsEntry("region", "eu").containsEntry("stage", "local");
      assertThat(first.user().id()).isEqualTo("local");
      assertThat(first.contexts()).containsKey("app");
      assertThat(first.level()).isEqualTo(Level.WARNING);
      assertThat(first.fingerprint()).containsExactly("fp");
      assertThat(first.timestampMillis()).isPositive();
      ErrorEvent second = b.errors.get(1);
      assertThat(second.tags()).doesNotContainKey("region").containsEntry("stage", "global");
      assertThat(second.user().id()).isEqualTo("global");
      assertThat(second.context()).containsEntry("provider", "openai");
      assertThat(second.level()).isEqualTo(Level.FATAL);
      assertThat(b.scopeCalls).contains("user=User{id=global}", "tag region=eu", "tag region=null");
    }
  }

  @Test
  void errorsCarryTheCurrentSpanIds() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      obs.captureMessage("outside", Level.INFO);
      try (Span s = obs.startSpan("work")) {
        obs.captureError(new RuntimeException("inside"));
        assertThat(fake.backend().errors.get(1).spanContext()).isEqualTo(s.context());
      }
      assertThat(fake.backend().errors.get(0).spanContext().isValid()).isFalse();
    }
  }

  @Test
  void contextTagsAndContextsAreScrubbedIncludingNestedValues() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).set("scrubbing.extra_keys", List.of("ssn")).build()) {
      obs.setTag("X-Api-Key", "abc");
      obs.setContext("request", Map.of("headers", Map.of("Authorization", "Bearer t", "accept", "json"),
          "items", List.of(Map.of("password", "p"), "plain")));
      obs.captureError(new RuntimeException(), Map.of("db.Password", "hunter2", "user_ssn", "1", "query", "q"));
      obs.recordEvent("login", Map.of("session_id", "s", "ok", true));

      ErrorEvent e = fake.backend().errors.get(0);
      assertThat(e.tags()).containsEntry("X-Api-Key", Scrubber.FILTERED);
      assertThat(e.context()).containsEntry("db.Password", Scrubber.FILTERED).containsEntry("user_ssn", Scrubber.FILTERED)
          .containsEntry("query", "q");
      Map<String, Object> request = e.contexts().get("request");
      assertThat(request.get("headers")).isEqualTo(Map.of("Authorization", Scrubber.FILTERED, "accept", "json"));
      assertThat(request.get("items")).isEqualTo(List.of(Map.of("password", Scrubber.FILTERED), "plain"));
      assertThat(fake.backend().events.get(0).data).containsEntry("session_id", Scrubber.FILTERED).containsEntry("ok", true);
      assertThat(fake.backend().scopeCalls).contains("tag X-Api-Key=" + Scrubber.FILTERED);
    }
  }

  @Test
  void eventsCarryTheCurrentSpanAndATimestamp() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      try (Span s = obs.startSpan("pipeline")) {
        obs.recordEvent("stage_done", Map.of("stage", "dedup"));
        FakeBackend.Event ev = fake.backend().events.get(0);
        assertThat(ev.span).isEqualTo(s.context());
        assertThat(ev.epochMillis).isPositive();
        assertThat(ev.data).containsEntry("stage", "dedup");
      }
    }
  }
}
