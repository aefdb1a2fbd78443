package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.obskit.api.Counter;
import dev.obskit.api.Histogram;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void closeGivesUpOnAHangingBackendAtTheDeadlineAndStillClosesTheOthers() {
    CountDownLatch release = new CountDownLatch(1);
    FakeProvider hanging = new FakeProvider("hanging", b -> b.hangOnClose = release);
    FakeProvider healthy = new FakeProvider("healthy");
    Observability obs = TestSdk.routedTo(hanging, healthy).build();
    try {
      long start = System.nanoTime();
      boolean ok = obs.close(Duration.ofMillis(200));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(ok).isFalse();
      // Generous bound: proves close does not wait for the hanging backend, not how fast it is.
      assertThat(tookMillis).isLessThan(2_000);
      assertThat(healthy.backend().closes.get()).isEqualTo(1);
      assertThat(obs.selfMetrics().get("close_timeouts.hanging")).isEqualTo(1);
      assertThat(obs.selfMetrics().get("close_timeouts.healthy")).isZero();
    } finally {
      release.countDown();
    }
  }

  @Test
  void flushReachesEveryBackendAndCloseIsOnce() {
    FakeProvider a = new FakeProvider("a");
    FakeProvider b = new FakeProvider("b");
    Observability obs = TestSdk.routedTo(a, b).build();
    assertThat(obs.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(a.backend().flushes.get()).isEqualTo(1);
    assertThat(b.backend().flushes.get()).isEqualTo(1);
    assertThat(obs.close(Duration.ofSeconds(5))).isTrue();
    assertThat(obs.close(Duration.ofSeconds(5))).isTrue();
    assertThat(a.backend().closes.get()).isEqualTo(1);
  }

  @Test
  void recordingsAfterCloseAreDroppedWithoutExceptions() {
    FakeProvider fake = new FakeProvider("fake");
    Observability obs = TestSdk.routedTo(fake).build();
    Counter counter = obs.counter("c");
    obs.close(Duration.ofSeconds(5));
    assertThatCode(() -> {
      counter.add(1);
      obs.counter("d").add(1);
      obs.captureMessage("late", Level.INFO);
      obs.recordEvent("late", Map.of());
      try (Span s = obs.startSpan("late")) {
        s.setAttribute("a", "b");
      }
      obs.inSpan("late2", () -> {});
    }).doesNotThrowAnyException();
    assertThat(fake.backend().measurements).isEmpty();
    assertThat(fake.backend().errors).isEmpty();
    assertThat(fake.backend().events).isEmpty();
    assertThat(fake.backend().spans).isEmpty();
  }

  @Test
  void spansAskedForAfterCloseAreCountedOncePerCall() {
    FakeProvider fake = new FakeProvider("fake");
    Observability obs = TestSdk.routedTo(fake).build();
    obs.close(Duration.ofSeconds(5));
    try (Span s = obs.startSpan("late")) {
      s.setAttribute("a", "b");
    }
    obs.spanBuilder("late").attribute("k", "v").start().end();
    obs.inSpan("late", () -> {});
    assertThat(fake.backend().spans).isEmpty();
    // One per call that asked for a span; what is done with the no-op span is not counted again.
    assertThat(obs.selfMetrics().get("dropped.after_close")).isEqualTo(3);
  }

  @Test
  void boundInstrumentsCountEveryCallAfterCloseLikeTheFacade() {
    FakeProvider fake = new FakeProvider("fake");
    Observability obs = TestSdk.routedTo(fake).build();
    Counter counter = obs.counter("c");
    Histogram conflicting = obs.histogram("c"); // a type conflict, handed out before close
    Counter invalid = obs.counter(" ");
    obs.close(Duration.ofSeconds(5));
    counter.add(1);
    counter.add(2, Labels.of("k", "v"));
    conflicting.record(1);
    invalid.add(1);
    obs.histogram("created_after_close").record(1);
    obs.captureMessage("late", Level.INFO);
    assertThat(fake.backend().measurements).isEmpty();
    // Five bound-instrument calls plus the facade call; late calls are not also type conflicts.
    assertThat(obs.selfMetrics().get("dropped.after_close")).isEqualTo(6);
    assertThat(obs.selfMetrics().get("dropped.type_conflict")).isZero();
    assertThat(obs.selfMetrics().get("dropped.invalid_name")).isZero();
  }
}
