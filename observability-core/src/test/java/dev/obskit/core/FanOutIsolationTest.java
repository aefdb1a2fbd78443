package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.obskit.api.Counter;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.Span;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.User;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import dev.obskit.core.fakes.TestSdk;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutIsolationTest {

  @Test
  void aSinkThrowingOnEveryCallNeverReachesTheCallerAndNeverStarvesTheOthers() {
    FakeProvider bad = new FakeProvider("bad", b -> b.throwing = true);
    FakeProvider good = new FakeProvider("good");
    // bad first: it is also the primary trace backend, the hardest case.
    try (LogCapture logs = new LogCapture(); Observability obs = TestSdk.routedTo(bad, good).build()) {
      assertThatCode(() -> {
        obs.captureError(new RuntimeException("boom"), Map.of("k", "v"));
        obs.captureMessage("msg", Level.WARNING);
        obs.setUser(User.id("u1"));
        obs.setTag("region", "eu");
        obs.setContext("order", Map.of("id", 7));
        Counter c = obs.counter("requests");
        c.add(1, Labels.of("route", "/a"));
        c.add(2, Labels.of("route", "/a"));
        obs.recordMetric("latency", 12.5, Labels.empty(), MetricType.HISTOGRAM);
        Registration r = obs.gauge("queue", InstrumentOptions.defaults(), Labels.empty(), () -> 3);
        r.close();
        try (Span span = obs.startSpan("op")) {
          span.setAttribute("a", "b").setAttribute("n", 1L).addEvent("e").setStatus(SpanStatus.ERROR, "bad")
              .recordException(new IllegalStateException()).updateName("op2");
        }
        obs.recordEvent("stage_done", Map.of("stage", "dedup"));
        obs.log(LogLevel.WARN, "disk almost full", Map.of("free_mb", 12));
      }).doesNotThrowAnyException();

      FakeBackend g = good.backend();
      assertThat(g.errors).hasSize(2);
      assertThat(g.scopeCalls).hasSize(3);
      assertThat(g.measurements).extracting(m -> m.name + "=" + m.value)
          .containsExactly("requests=1.0", "requests=2.0", "latency=12.5");
      assertThat(g.callbackGauges).isEmpty();
      FakeBackend.FakeSpan span = g.span("op2");
      assertThat(span.attributes).containsEntry("a", "b").containsEntry("n", 1L);
      assertThat(span.eventNames).containsExactly("e");
      assertThat(span.status).isEqualTo(SpanStatus.ERROR);
      assertThat(span.exceptions).hasSize(1);
      assertThat(span.ended()).isTrue();
      assertThat(span.spanContext.isValid()).isTrue();
      assertThat(g.events).hasSize(1);
      assertThat(g.logs).extracting(LogRecord::message).containsExactly("disk almost full");

      Map<String, Long> failures = obs.selfMetrics().snapshot();
      assertThat(failures.get("sink_failures.bad.errors")).isEqualTo(5L);
      assertThat(failures.get("sink_failures.bad.metrics")).isGreaterThanOrEqualTo(3L);
      assertThat(failures.get("sink_failures.bad.traces")).isGreaterThanOrEqualTo(1L);
      assertThat(failures.get("sink_failures.bad.events")).isEqualTo(1L);
      assertThat(failures.get("sink_failures.bad.logs")).isEqualTo(1L);
      assertThat(failures).doesNotContainKeys("sink_failures.good.errors", "sink_failures.good.metrics",
          "sink_failures.good.traces", "sink_failures.good.events", "sink_failures.good.logs");
      // Rate-limited: one warning per key, not one per failure.
      assertThat(logs.warnings()).filteredOn(w -> w.contains("'bad' threw while handling errors")).hasSize(1);
    }
  }

  @Test
  void aSingleThrowingSinkIsIsolatedToo() {
    FakeProvider bad = new FakeProvider("bad");
    try (Observability obs = TestSdk.routedTo(bad).build()) {
      Counter c = obs.counter("x");
      // Fails only from now on: the instrument exists, each recording throws.
      bad.backend().throwing = true;
      for (int i = 0; i < 10; i++) {
        c.add(1);
        obs.captureMessage("m", Level.INFO);
        obs.recordEvent("e", Map.of());
        obs.log(LogLevel.WARN, "l", Map.of());
      }
      obs.setUser(User.id("u1"));
      obs.setTag("region", "eu");
      obs.setContext("order", Map.of("id", 7));
      assertThat(obs.selfMetrics().get("sink_failures.bad.metrics")).isEqualTo(10);
      // Every error-sink method of a lone backend is isolated, scope changes included.
      assertThat(obs.selfMetrics().get("sink_failures.bad.errors")).isEqualTo(13);
      assertThat(obs.selfMetrics().get("sink_failures.bad.events")).isEqualTo(10);
      assertThat(obs.selfMetrics().get("sink_failures.bad.logs")).isEqualTo(10);
    }
  }
}
