package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obskit.api.Counter;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.fakes.FakeProvider;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signal routed to {@code none} costs instrumented code next to nothing: no allocation (bytes
 * measured with the JVM's per-thread counter, not time), no-op spans when nothing reads span ids,
 * and yet the same after-close accounting as a routed signal.
 */
class DisabledSignalsTest {
  private static final Labels LABELS = Labels.of("type", "math", "tier", "free");
  private static final Map<String, Object> CONTEXT = Map.of("question", 42, "api_key", "secret");
  private static final Throwable ERROR = new IllegalStateException("disabled");

  private static ObservabilitySdk.Builder allNone() {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().environmentVariables(Map.of());
    for (Signal s : Signal.values()) {
      b.route(s, "none");
    }
    return b;
  }

  private static void everyCall(Observability obs, Counter counter) {
    counter.add(1, LABELS);
    obs.recordMetric("questions.generated", 1, LABELS, MetricType.COUNTER);
    try (Span span = obs.startSpan("generate")) {
      span.setAttribute("difficulty", "hard");
      span.setAttribute("attempt", 2L);
    }
    try (Span span = obs.spanBuilder("built").attribute("k", "v").start()) {
      span.setAttribute("attempt", 3L);
    }
    obs.captureError(ERROR, CONTEXT, Level.ERROR);
    obs.captureMessage("disabled", Level.WARNING);
    obs.recordEvent("pipeline.stage_done", CONTEXT);
  }

  @Test
  void everyFacadeCallAllocatesNothingWhenItsSignalIsRoutedToNone() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported());
    try (Observability obs = allNone().build()) {
      Counter counter = obs.counter("questions.generated");
      for (int i = 0; i < 100_000; i++) {
        everyCall(obs, counter);
      }
      long tid = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 50_000; i++) {
        everyCall(obs, counter);
      }
      long allocated = threads.getThreadAllocatedBytes(tid) - before;
      // One 16-byte object per iteration would already be 800 KB; the slack covers the measurement.
      assertThat(allocated).isLessThan(4_096);
      assertThat(obs.currentSpan()).isSameAs(Span.noop());
      assertThat(obs.selfMetrics().snapshot()).isEmpty();
    }
  }

  @Test
  void aDisabledCallAfterCloseIsCountedLikeARoutedOne() {
    Observability obs = allNone().build();
    Counter counter = obs.counter("questions.generated");
    SpanBuilder early = obs.spanBuilder("early"); // taken before close, used after it
    SpanContext remote = obs.extract(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        Map::get);
    obs.close();
    obs.recordMetric("questions.generated", 1, LABELS, MetricType.COUNTER);
    obs.captureError(ERROR);
    obs.captureMessage("late", Level.INFO);
    obs.recordEvent("late", Map.of());
    counter.add(1, LABELS); // bound handles count too, as with a routed signal
    obs.startSpan("late").end();
    obs.spanBuilder("late").start().end();
    early.parent(remote).noParent().start().end(); // the disabled builder's own methods are not late calls
    assertThat(obs.selfMetrics().get("dropped.after_close")).isEqualTo(7);
  }

  @Test
  void anExplicitRemoteParentStillPassesThroughWhenTracingIsOff() {
    try (Observability obs = allNone().build()) {
      String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
      SpanContext remote = obs.extract(Map.of("traceparent", incoming), Map::get);
      try (Span span = obs.spanBuilder("handle").parent(remote).start()) {
        assertThat(obs.currentSpan()).isSameAs(span);
        assertThat(span.context()).isEqualTo(remote);
        Map<String, String> out = new HashMap<>();
        obs.inject(out, Map::put);
        assertThat(out).containsEntry("traceparent", incoming);
        try (Span child = obs.startSpan("inner")) {
          assertThat(child).isSameAs(Span.noop());
        }
      }
      assertThat(obs.currentSpan()).isSameAs(Span.noop());
      Map<String, String> after = new HashMap<>();
      obs.inject(after, Map::put);
      assertThat(after).isEmpty();
    }
  }

  @Test
  void spansKeepIdsWhenOnlyErrorsAreRouted() {
    FakeProvider errorsOnly = new FakeProvider("fake", b -> b.tracesSupported = false);
    try (Observability obs = allNone().provider(errorsOnly).route(Signal.ERRORS, "fake").build()) {
      try (Span span = obs.startSpan("a")) {
        assertThat(span.context().isValid()).isTrue();
        obs.captureError(ERROR);
        assertThat(errorsOnly.backend().errors.get(0).spanContext()).isEqualTo(span.context());
      }
    }
  }
}
