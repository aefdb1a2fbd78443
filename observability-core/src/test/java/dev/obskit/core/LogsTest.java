package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logs signal: routing, guards, correlation with the current span, deduplicated errors. */
class LogsTest {

  @Test
  void aRecordCarriesTheSpanCurrentWhenItWasMadeAndATime() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      obs.log(LogLevel.INFO, "outside", Map.of());
      SpanContext inside;
      try (Span s = obs.startSpan("work")) {
        inside = s.context();
        obs.log(LogRecord.builder(LogLevel.WARN, "inside").loggerName("app.Work").threadName("main")
            .attribute("order", 7L).build());
      }
      FakeBackend b = fake.backend();
      assertThat(b.logs).hasSize(2);
      assertThat(b.logs.get(0).spanContext().isValid()).isFalse();
      LogRecord r = b.logs.get(1);
      assertThat(r.spanContext()).isEqualTo(inside);
      assertThat(r.level()).isEqualTo(LogLevel.WARN);
      assertThat(r.loggerName()).isEqualTo("app.Work");
      assertThat(r.threadName()).isEqualTo("main");
      assertThat(r.attributes()).containsEntry("order", 7L);
      assertThat(r.epochMillis()).isPositive();
    }
  }

  @Test
  void aSpanContextGivenByTheCallerWins() {
    // An appender under an AsyncAppender reads the ids on the logging thread; the worker thread
    // that calls the SDK has another (or no) current span.
    FakeProvider fake = new FakeProvider("fake");
    SpanContext given = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    try (Observability obs = TestSdk.routedTo(fake).build(); Span ignored = obs.startSpan("other")) {
      obs.log(LogRecord.builder(LogLevel.INFO, "x").spanContext(given).epochMillis(42).build());
      assertThat(fake.backend().logs.get(0).spanContext()).isEqualTo(given);
      assertThat(fake.backend().logs.get(0).epochMillis()).isEqualTo(42);
    }
  }

  @Test
  void recordsBelowTheLevelThresholdAreNotSentAndNotCountedAsLost() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).set("logs.level", "warn").build()) {
      obs.log(LogLevel.DEBUG, "d", Map.of());
      obs.log(LogLevel.INFO, "i", Map.of());
      obs.log(LogLevel.WARN, "w", Map.of());
      obs.log(LogLevel.FATAL, "f", Map.of());
      assertThat(fake.backend().logs).extracting(LogRecord::message).containsExactly("w", "f");
      assertThat(obs.selfMetrics().snapshot()).noneSatisfy((k, v) -> assertThat(k).startsWith("dropped."));
    }
  }

  @Test
  void theDefaultThresholdIsInfo() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      obs.log(LogLevel.TRACE, "t", Map.of());
      obs.log(LogLevel.DEBUG, "d", Map.of());
      obs.log(LogLevel.INFO, "i", Map.of());
      assertThat(fake.backend().logs).extracting(LogRecord::message).containsExactly("i");
    }
  }

  @Test
  void beyondTheRateBudgetRecordsAreDroppedAndCounted() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).set("logs.max_per_second", 10).build()) {
      for (int i = 0; i < 200; i++) {
        obs.log(LogLevel.INFO, "line " + i, Map.of());
      }
      int sent = fake.backend().logs.size();
      // A burst of one second's budget; the loop may straddle a refill of a permit or two.
      assertThat(sent).isBetween(10, 20);
      assertThat(obs.selfMetrics().get("dropped.logs_rate_limited")).isEqualTo(200 - sent);
    }
  }

  @Test
  void longMessagesAreTruncatedAndAttributesAreBoundedCheckedAndScrubbed() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).set("limits.max_string_length", 10)
        .set("logs.max_attributes", 3).build()) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("password", "hunter2");
      attributes.put("long", "x".repeat(11));
      attributes.put("user", Map.of("api_key", "k", "name", "n"));
      attributes.put("ok", 1);
      attributes.put("over1", 2);
      attributes.put("over2", 3);
      obs.log(LogLevel.ERROR, "0123456789abcdef", attributes);

      LogRecord r = fake.backend().logs.get(0);
      assertThat(r.message()).isEqualTo("0123456789");
      assertThat(r.attributes()).containsEntry("password", Scrubber.FILTERED)
          .containsEntry("user", Map.of("api_key", Scrubber.FILTERED, "name", "n"))
          .containsEntry("ok", 1).doesNotContainKeys("long", "over2");
      assertThat(obs.selfMetrics().get("truncated.log_message")).isEqualTo(1);
      assertThat(obs.selfMetrics().get("dropped.oversize_string")).isEqualTo(1);
      assertThat(obs.selfMetrics().get("dropped.log_attributes")).isEqualTo(2);
    }
  }

  @Test
  void secretsInsideArrayAttributesAreScrubbedAlsoOnTheRecordsThatNeedNoOtherChange() {
    FakeProvider fake = new FakeProvider("fake");
    SpanContext given = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      // Span and time given, as from an appender: only the attributes can make the record change.
      obs.log(LogRecord.builder(LogLevel.INFO, "login")
          .attribute("attempts", new Object[] {Map.of("Api-Key", "k-in-array", "step", 1), "plain"})
          .attribute("nested", new Object[] {new Object[] {Map.of("db.password", "p-in-array")}})
          .spanContext(given).epochMillis(42).build());
      Map<String, Object> attributes = fake.backend().logs.get(0).attributes();
      assertThat(attributes.get("attempts"))
          .isEqualTo(java.util.List.of(Map.of("Api-Key", Scrubber.FILTERED, "step", 1), "plain"));
      assertThat(String.valueOf(attributes)).doesNotContain("k-in-array", "p-in-array");
    }
  }

  @Test
  void nonFiniteAttributeValuesAreLeftOutAndCountedAlsoOnTheRecordsThatNeedNoOtherChange() {
    FakeProvider fake = new FakeProvider("fake");
    SpanContext given = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      // Span and time given, as from an appender: the record would otherwise pass through as is.
      obs.log(LogRecord.builder(LogLevel.INFO, "ratio").attribute("ratio", Double.NaN).attribute("ok", 1.5)
          .spanContext(given).epochMillis(42).build());
      assertThat(fake.backend().logs.get(0).attributes()).containsEntry("ok", 1.5).doesNotContainKey("ratio");
      assertThat(obs.selfMetrics().get("dropped.non_finite_value")).isEqualTo(1);
    }
  }

  @Test
  void nullsAndCallsAfterCloseNeverThrowAndAreCounted() {
    FakeProvider fake = new FakeProvider("fake");
    Observability obs = TestSdk.routedTo(fake).build();
    obs.log(null);
    obs.log(null, "no level", Map.of());
    obs.log(LogLevel.INFO, null, null);
    assertThat(fake.backend().logs).extracting(LogRecord::message).containsExactly("");
    assertThat(obs.selfMetrics().get("dropped.null_log")).isEqualTo(1);
    obs.close();
    obs.log(LogLevel.INFO, "late", Map.of());
    assertThat(obs.selfMetrics().get("dropped.after_close")).isPositive();
    assertThat(fake.backend().logs).hasSize(1);
  }

  @Test
  void aThrowingLogSinkIsIsolatedAndCounted() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      fake.backend().throwing = true;
      obs.log(LogLevel.ERROR, "boom", Map.of());
      assertThat(obs.selfMetrics().get("sink_failures.fake.logs")).isEqualTo(1);
    }
  }

  @Test
  void routingLogsToNoneCostsNothingAndToABackendWithoutLogsIsAConfigurationError() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).route(Signal.LOGS).build()) {
      obs.log(LogLevel.ERROR, "nowhere", Map.of());
      assertThat(fake.backend().logs).isEmpty();
    }
    FakeProvider noLogs = new FakeProvider("fake", b -> b.logsSupported = false);
    assertThatThrownBy(() -> TestSdk.routedTo(noLogs).set("logs.level", "loud").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("routing.logs")
        .hasMessageContaining("does not handle logs")
        .hasMessageContaining("logs.level")
        .hasMessageContaining("expected one of: trace, debug, info, warn, error, fatal");
  }

  @Test
  void logsAreRoutedToNoneUnlessConfigured() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of()).provider(fake)
        .route(Signal.ERRORS, "fake").route(Signal.METRICS, "fake").route(Signal.TRACES, "fake")
        .route(Signal.EVENTS, "fake").set("strict", true).build()) {
      obs.log(LogLevel.ERROR, "nowhere", Map.of());
      assertThat(fake.backend().logs).isEmpty();
      assertThat(fake.backend().context.signals()).doesNotContain(Signal.LOGS);
    }
  }

  @Test
  void theSameExceptionCapturedTwiceIsSentOnceAndCounted() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      IllegalStateException e = new IllegalStateException("once");
      obs.captureError(e);
      obs.captureError(dev.obskit.api.ErrorEvent.builder(e).build());
      obs.captureError(new IllegalStateException("other"));
      assertThat(fake.backend().errors).hasSize(2);
      assertThat(obs.selfMetrics().get("errors.deduplicated")).isEqualTo(1);
    }
  }
}
