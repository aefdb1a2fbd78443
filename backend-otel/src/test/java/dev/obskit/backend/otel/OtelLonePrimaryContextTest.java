package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedSpan;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.proto.trace.v1.Span.Event;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * otel as the only trace backend, the configuration where the core skips its own clock (times
 * of 0), reads ids lazily and asks the primary by identity whether its span is current: times,
 * current span and the OpenTelemetry context stay right under nesting, foreign spans and spans
 * moved to other threads.
 */
class OtelLonePrimaryContextTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private OtlpHttpReceiver collector;
  private CapturingOtelProvider provider;
  private Observability obs;

  @BeforeEach
  void start() {
    collector = OtlpHttpReceiver.start();
    provider = new CapturingOtelProvider();
    obs = ObservabilitySdk.builder()
        .serviceName("question-service")
        .environmentVariables(Map.of())
        .provider(provider)
        .route(Signal.TRACES, "otel")
        .route(Signal.METRICS)
        .route(Signal.ERRORS)
        .route(Signal.EVENTS)
        .set("otel.otlp.endpoint", collector.endpoint())
        .set("otel.metrics.exporter", "none")
        .build();
  }

  @AfterEach
  void stop() {
    obs.close(Duration.ofSeconds(5));
    collector.close();
  }

  private Tracer rawTracer() {
    return provider.backend().openTelemetry().getTracer("raw-instrumentation");
  }

  private static boolean otelContextIsEmpty() {
    return !io.opentelemetry.api.trace.Span.current().getSpanContext().isValid();
  }

  @Test
  void timesReadByTheSdkAreRealAndConsistentWithinASpanAndItsChild() {
    long before = System.currentTimeMillis() * 1_000_000L;
    try (Span parent = obs.startSpan("parent")) {
      try (Span child = obs.startSpan("child")) {
        child.addEvent("evt").recordException(new IllegalStateException("boom"));
      }
    }
    long explicitStart = before - TimeUnit.SECONDS.toNanos(1);
    obs.spanBuilder("explicit").startTimestampNanos(explicitStart).start().close();
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedSpan parent = collector.awaitSpan("parent", WAIT);
    ReceivedSpan child = collector.awaitSpan("child", WAIT);
    ReceivedSpan explicit = collector.awaitSpan("explicit", WAIT);
    // Generous bound: the SDK anchors to the wall clock; only a time of 0 or a wrong unit is wrong.
    assertThat(parent.startEpochNanos()).isGreaterThan(before - TimeUnit.SECONDS.toNanos(5));
    assertThat(child.startEpochNanos()).isGreaterThanOrEqualTo(parent.startEpochNanos());
    assertThat(child.endEpochNanos()).isGreaterThanOrEqualTo(child.startEpochNanos())
        .isLessThanOrEqualTo(parent.endEpochNanos());
    assertThat(child.proto().getEventsList()).extracting(Event::getName).containsExactly("evt", "exception");
    for (Event e : child.proto().getEventsList()) {
      assertThat(e.getTimeUnixNano()).isBetween(child.startEpochNanos(), child.endEpochNanos());
    }
    assertThat(explicit.startEpochNanos()).isEqualTo(explicitStart);
    assertThat(explicit.endEpochNanos()).isGreaterThan(explicitStart);
  }

  @Test
  void aRawOtelSpanInsideAFacadeSpanIsCurrentUntilItsScopeCloses() {
    try (Span facade = obs.startSpan("facade")) {
      io.opentelemetry.api.trace.Span raw = rawTracer().spanBuilder("raw").startSpan();
      try (io.opentelemetry.context.Scope ignored = raw.makeCurrent()) {
        assertThat(obs.currentSpan().context().spanId()).isEqualTo(raw.getSpanContext().getSpanId());
        try (Span child = obs.startSpan("facade-child")) {
          assertThat(obs.currentSpan()).isSameAs(child);
          assertThat(child.context().traceId()).isEqualTo(facade.context().traceId());
        }
        assertThat(obs.currentSpan().context().spanId()).isEqualTo(raw.getSpanContext().getSpanId());
      } finally {
        raw.end();
      }
      assertThat(obs.currentSpan()).isSameAs(facade);
    }
    assertThat(otelContextIsEmpty()).isTrue();
    assertThat(obs.flush(WAIT)).isTrue();
    ReceivedSpan child = collector.awaitSpan("facade-child", WAIT);
    ReceivedSpan raw = collector.awaitSpan("raw", WAIT);
    assertThat(child.parentSpanId()).isEqualTo(raw.spanId());
  }

  @Test
  void aStartedCurrentSpanMadeCurrentAgainHereAndElsewhereRestoresBothContexts() throws Exception {
    try (Span s = obs.startSpan("twice")) {
      try (Scope again = s.makeCurrent()) {
        assertThat(obs.currentSpan()).isSameAs(s);
        assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId())
            .isEqualTo(s.context().spanId());
      }
      boolean[] there = CompletableFuture.supplyAsync(() -> {
        boolean during;
        try (Scope elsewhere = s.makeCurrent()) {
          during = obs.currentSpan() == s
              && io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId().equals(s.context().spanId());
        }
        return new boolean[] {during, otelContextIsEmpty(), !obs.currentSpan().context().isValid()};
      }).get(5, TimeUnit.SECONDS);
      assertThat(there).containsExactly(true, true, true);
      assertThat(obs.currentSpan()).isSameAs(s);
    }
    assertThat(otelContextIsEmpty()).isTrue();
    assertThat(obs.currentSpan().context().isValid()).isFalse();
    assertThat(obs.selfMetrics().get("context_misuse")).isZero();
  }

  @Test
  void aPoolThreadsOtelContextIsCleanAfterAWrappedTaskWhoseSpanWasClosedElsewhere() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SpanContext request;
      try (Span r = obs.startSpan("request")) {
        request = r.context();
        obs.wrap(pool).submit(() -> {
          Span call = obs.startSpan("async-call");
          CompletableFuture.runAsync(call::close).join();
        }).get(5, TimeUnit.SECONDS);
      }
      boolean[] clean = pool.submit(() -> new boolean[] {otelContextIsEmpty(), !obs.currentSpan().context().isValid()})
          .get(5, TimeUnit.SECONDS);
      assertThat(clean).as("request %s", request).containsExactly(true, true);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
