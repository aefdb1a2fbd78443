package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import dev.obskit.core.fakes.TestSdk;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpanTest {

  @Test
  void startMakesCurrentAndCloseRestoresTheParent() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      try (Span parent = obs.startSpan("parent")) {
        assertThat(obs.currentSpan()).isSameAs(parent);
        try (Span child = obs.spanBuilder("child").kind(SpanKind.CLIENT).attribute("k", "v").start()) {
          assertThat(obs.currentSpan()).isSameAs(child);
          assertThat(child.context().traceId()).isEqualTo(parent.context().traceId());
        }
        assertThat(obs.currentSpan()).isSameAs(parent);
      }
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      FakeBackend b = fake.backend();
      FakeBackend.FakeSpan child = b.span("child");
      assertThat(child.start.parent()).isEqualTo(b.span("parent").spanContext);
      assertThat(child.start.kind()).isEqualTo(SpanKind.CLIENT);
      assertThat(child.start.attributes()).containsEntry("k", "v");
      assertThat(child.endNanos).isGreaterThanOrEqualTo(child.startNanos);
      assertThat(child.endCalls).isEqualTo(1);
    }
  }

  @Test
  void explicitParentWinsAndNoParentStartsANewTrace() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      SpanContext remote = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
      try (Span outer = obs.startSpan("outer")) {
        try (Span s = obs.spanBuilder("explicit").parent(remote).start()) {
          assertThat(s.context().traceId()).isEqualTo(remote.traceId());
        }
        try (Span s = obs.spanBuilder("root").noParent().start()) {
          assertThat(s.context().traceId()).isNotEqualTo(outer.context().traceId());
        }
      }
      assertThat(fake.backend().span("explicit").start.parent()).isEqualTo(remote);
      assertThat(fake.backend().span("root").start.parent().isValid()).isFalse();
    }
  }

  @Test
  void mirrorsGetThePrimaryIdsAndEveryOperationAndTheSameTimestamps() {
    FakeProvider primary = new FakeProvider("primary");
    FakeProvider mirror = new FakeProvider("mirror");
    try (Observability obs = TestSdk.routedTo(primary, mirror).build()) {
      try (Span s = obs.startSpan("op")) {
        s.setAttribute("a", 1L).addEvent("evt").setStatus(SpanStatus.OK);
      }
      FakeBackend.FakeSpan p = primary.backend().span("op");
      FakeBackend.FakeSpan m = mirror.backend().span("op");
      assertThat(p.start.assignedContext().isValid()).isFalse();
      assertThat(m.start.assignedContext()).isEqualTo(p.spanContext);
      assertThat(m.spanContext).isEqualTo(p.spanContext);
      assertThat(m.start.startEpochNanos()).isEqualTo(p.start.startEpochNanos());
      assertThat(m.endNanos).isEqualTo(p.endNanos);
      assertThat(m.attributes).isEqualTo(p.attributes);
      assertThat(m.eventNames).containsExactly("evt");
      assertThat(m.status).isEqualTo(SpanStatus.OK);
    }
  }

  @Test
  void aLonePrimaryGetsNoTimesAndReadsItsOwnClockUnlessTheCallerGaveOne() {
    FakeProvider otel = new FakeProvider("otel");
    try (Observability obs = TestSdk.routedTo(otel).build()) {
      try (Span s = obs.startSpan("op")) {
        s.addEvent("evt").recordException(new IllegalStateException("boom"));
      }
      try (Span s = obs.spanBuilder("built").start()) {
        assertThat(s.isRecording()).isTrue();
      }
      obs.spanBuilder("explicit").startTimestampNanos(42_000L).start().close();
      FakeBackend b = otel.backend();
      assertThat(b.span("op").start.startEpochNanos()).isEmpty();
      assertThat(b.span("op").endTimeGiven).isFalse();
      assertThat(b.span("op").eventNanos).containsExactly(null, null);
      assertThat(b.span("built").start.startEpochNanos()).isEmpty();
      assertThat(b.span("explicit").start.startEpochNanos()).hasValue(42_000L);
      assertThat(b.span("explicit").endTimeGiven).isFalse();
    }
  }

  @Test
  void withMirrorsEveryBackendGetsTheCoreClocksTimes() {
    FakeProvider otel = new FakeProvider("otel");
    FakeProvider mirror = new FakeProvider("mirror");
    long before = System.currentTimeMillis() * 1_000_000L;
    try (Observability obs = TestSdk.routedTo(otel, mirror).build()) {
      try (Span s = obs.startSpan("op")) {
        s.addEvent("evt");
      }
      FakeBackend.FakeSpan p = otel.backend().span("op");
      FakeBackend.FakeSpan m = mirror.backend().span("op");
      // Generous bounds: the core's clock is anchored to the wall clock once, then monotonic.
      assertThat(p.start.startEpochNanos().getAsLong()).isGreaterThan(before - TimeUnit.SECONDS.toNanos(5));
      assertThat(p.endTimeGiven).isTrue();
      assertThat(p.endNanos).isGreaterThanOrEqualTo(p.start.startEpochNanos().getAsLong());
      assertThat(p.eventNanos).singleElement().isNotNull();
      assertThat(m.start.startEpochNanos()).isEqualTo(p.start.startEpochNanos());
      assertThat(m.endNanos).isEqualTo(p.endNanos);
    }
  }

  @Test
  void aPrimaryThatGivesNoIdsStillLeavesTheSpanStableIdsInItsParentsTrace() throws Exception {
    FakeProvider fake = new FakeProvider("fake", b -> b.invalidIds = true);
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      SpanContext remote = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
      try (Span s = obs.spanBuilder("op").parent(remote).start()) {
        // Asked first on another thread, then here: one decision, the same ids everywhere.
        SpanContext there = CompletableFuture.supplyAsync(s::context).get(5, TimeUnit.SECONDS);
        assertThat(there.isValid()).isTrue();
        assertThat(there.traceId()).isEqualTo(remote.traceId());
        assertThat(there.spanId()).isNotEqualTo(remote.spanId());
        assertThat(s.context()).isSameAs(there);
        assertThat(obs.currentSpan().context()).isSameAs(there);
        s.setAttribute("still", "recorded");
      }
      assertThat(fake.backend().span("op").attributes).containsEntry("still", "recorded");
      assertThat(fake.backend().span("op").ended()).isTrue();
    }
  }

  @Test
  void withoutATraceBackendSpansStillHaveValidIdsAndAreCurrent() {
    FakeProvider errorsOnly = new FakeProvider("fake", b -> b.tracesSupported = false);
    try (Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of()).provider(errorsOnly)
        .set("routing.errors", "fake").set("routing.traces", "none").set("routing.metrics", "none")
        .set("routing.events", "none").build()) {
      try (Span parent = obs.startSpan("a")) {
        assertThat(SpanContext.isValidTraceId(parent.context().traceId())).isTrue();
        assertThat(SpanContext.isValidSpanId(parent.context().spanId())).isTrue();
        assertThat(obs.currentSpan()).isSameAs(parent);
        try (Span child = obs.startSpan("b")) {
          assertThat(child.context().traceId()).isEqualTo(parent.context().traceId());
          assertThat(child.context().spanId()).isNotEqualTo(parent.context().spanId());
          obs.captureError(new RuntimeException("x"));
        }
      }
      assertThat(errorsOnly.backend().errors.get(0).spanContext().isValid()).isTrue();
    }
  }

  @Test
  void unsampledSpansStillHaveIdsAndAreCurrent() {
    FakeProvider fake = new FakeProvider("fake", b -> b.sampled = false);
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      try (Span s = obs.startSpan("quiet")) {
        assertThat(s.isRecording()).isFalse();
        assertThat(s.context().isValid()).isTrue();
        assertThat(obs.currentSpan().context()).isEqualTo(s.context());
        obs.captureMessage("m", dev.obskit.api.Level.INFO);
      }
      assertThat(fake.backend().errors.get(0).spanContext().spanId())
          .isEqualTo(fake.backend().span("quiet").spanContext.spanId());
    }
  }

  @Test
  void inSpanEndsTheSpanRecordsTheErrorAndRethrowsItUnchanged() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      IOException boom = new IOException("disk");
      assertThatThrownBy(() -> obs.inSpan("io", () -> {
        throw boom;
      })).isSameAs(boom);
      assertThat(obs.inSpan("value", () -> 42)).isEqualTo(42);
      FakeBackend.FakeSpan io = fake.backend().span("io");
      assertThat(io.ended()).isTrue();
      assertThat(io.status).isEqualTo(SpanStatus.ERROR);
      assertThat(io.exceptions).containsExactly(boom);
      assertThat(fake.backend().span("value").status).isEqualTo(SpanStatus.UNSET);
      assertThat(obs.currentSpan().context().isValid()).isFalse();
    }
  }

  @Test
  void detachedSpanIsNotCurrentUntilMadeCurrent() throws Exception {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Span detached = obs.spanBuilder("async").startDetached();
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      CompletableFuture<SpanContext> seen = CompletableFuture.supplyAsync(() -> {
        try (Scope ignored = detached.makeCurrent()) {
          return obs.currentSpan().context();
        } finally {
          detached.end();
        }
      });
      assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(detached.context());
      assertThat(fake.backend().span("async").ended()).isTrue();
      detached.end();
      assertThat(fake.backend().span("async").endCalls).isEqualTo(1);
    }
  }

  @Test
  void closingOutOfOrderEndsSpansWithoutCorruptingTheContext() {
    FakeProvider fake = new FakeProvider("fake");
    try (LogCapture logs = new LogCapture(); Observability obs = TestSdk.routedTo(fake).build()) {
      Span a = obs.startSpan("a");
      Span b = obs.startSpan("b");
      a.close();
      assertThat(fake.backend().span("a").ended()).isTrue();
      assertThat(obs.currentSpan()).isSameAs(b);
      b.close();
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      assertThat(logs.warnings()).anyMatch(w -> w.contains("out of order"));
    }
  }

  @Test
  void closingOnAnotherThreadEndsTheSpanAndLeavesThatThreadAlone() throws Exception {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Span s = obs.startSpan("moved");
      CompletableFuture.runAsync(s::close).get(5, TimeUnit.SECONDS);
      assertThat(fake.backend().span("moved").ended()).isTrue();
      try (Span next = obs.startSpan("next")) {
        assertThat(next.context().traceId()).isEqualTo(s.context().traceId());
      }
      assertThat(obs.selfMetrics().get("context_misuse")).isEqualTo(1);
    }
  }

  @Test
  void callsAfterEndAreIgnored() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Span s = obs.startSpan("x");
      s.close();
      s.setAttribute("late", "v").addEvent("late").setStatus(SpanStatus.ERROR, "late");
      s.end();
      s.close();
      FakeBackend.FakeSpan f = fake.backend().span("x");
      assertThat(f.attributes).doesNotContainKey("late");
      assertThat(f.eventNames).isEmpty();
      assertThat(f.endCalls).isEqualTo(1);
    }
  }

  @Test
  void aForeignCurrentSpanOfAContextOwningPrimaryIsSeenAndMirrored() {
    FakeProvider otel = new FakeProvider("otel", b -> b.ownsContext = true);
    FakeProvider sentry = new FakeProvider("sentry");
    try (Observability obs = TestSdk.routedTo(otel, sentry).build()) {
      FakeBackend primary = otel.backend();
      try (Scope ignored = primary.startForeignSpan("agent-http")) {
        SpanContext foreign = primary.span("agent-http").spanContext;
        assertThat(obs.currentSpan().context()).isEqualTo(foreign);
        obs.captureError(new RuntimeException("inside agent span"));
        try (Span child = obs.startSpan("facade-child")) {
          assertThat(child.context().traceId()).isEqualTo(foreign.traceId());
          assertThat(primary.span("facade-child").parent).isEqualTo(foreign);
          // The facade span is current in the primary's own context too: nesting works both ways.
          assertThat(obs.currentSpan()).isSameAs(child);
        }
        assertThat(obs.currentSpan().context()).isEqualTo(foreign);
        obs.currentSpan().setAttribute("from.facade", "yes");
      }
      FakeBackend.FakeSpan mirrored = sentry.backend().span("agent-http");
      assertThat(mirrored.spanContext).isEqualTo(primary.span("agent-http").spanContext);
      assertThat(mirrored.attributes).containsEntry("from.facade", "yes");
      assertThat(sentry.backend().span("facade-child").spanContext).isEqualTo(primary.span("facade-child").spanContext);
      assertThat(otel.backend().errors.get(0).spanContext()).isEqualTo(primary.span("agent-http").spanContext);
      assertThat(sentry.backend().errors.get(0).spanContext()).isEqualTo(primary.span("agent-http").spanContext);
    }
  }

  @Test
  void aPrimaryWhoseIsCurrentThrowsStillReportsTheForeignSpanCurrentInItsContext() {
    FakeProvider otel = new FakeProvider("otel", b -> {
      b.ownsContext = true;
      b.isCurrentThrows = true;
    });
    try (Observability obs = TestSdk.routedTo(otel).build()) {
      FakeBackend primary = otel.backend();
      try (Span facade = obs.startSpan("facade"); Scope ignored = primary.startForeignSpan("agent-http")) {
        SpanContext foreign = primary.span("agent-http").spanContext;
        assertThat(obs.currentSpan().context()).isEqualTo(foreign);
        try (Span child = obs.startSpan("child")) {
          assertThat(primary.span("child").parent).isEqualTo(foreign);
        }
      }
      assertThat(obs.selfMetrics().get("sink_failures.otel.traces")).isPositive();
    }
  }
}
