package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sinks driven directly (no core) against the wire-level server. */
class SentrySinksWireTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SentryTestServer server = SentryTestServer.start();
  private Backend backend;

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.close(Duration.ofSeconds(2));
    }
    server.close();
  }

  private Backend start(Map<String, Object> section, boolean primary) {
    StubContext ctx = new StubContext(section);
    ctx.primary = primary;
    backend = SentryBackend.create(ctx, SentrySettings.read(ctx));
    assertThat(ctx.problems).isEmpty();
    return backend;
  }

  @Test
  void errorCarriesSpanIdsInTraceContextAndEnvelopeHeader() {
    start(Map.of("dsn", server.dsn()), true);
    SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    backend.errorSink().capture(ErrorEvent.builder(new IllegalStateException("boom"))
        .context("password", "hunter2").tag("stage", "gen").spanContext(span).timestampMillis(System.currentTimeMillis()).build());
    ReceivedItem e = server.awaitEvent(x -> true, WAIT);
    assertThat(e.traceId()).isEqualTo(span.traceId());
    assertThat(e.spanId()).isEqualTo(span.spanId());
    assertThat(e.headerTraceId()).isEqualTo(span.traceId());
    assertThat(e.envelope().raw()).doesNotContain("hunter2");
  }

  @Test
  void mirroredTree() {
    start(Map.of("dsn", server.dsn()), false);
    SpanContext root = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    SpanContext child = SpanContext.create(root.traceId(), "00f067aa0ba902b8", true, "");
    long t0 = System.currentTimeMillis() * 1_000_000L;
    SpanHandle r = backend.spanSink().start(SpanStart.builder("root").startEpochNanos(t0).assignedContext(root).build());
    SpanHandle c = backend.spanSink().start(SpanStart.builder("child").parent(root).startEpochNanos(t0 + 1000).assignedContext(child).build());
    c.end(t0 + 2_000_000);
    r.end(t0 + 3_000_000);
    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertThat(tx.traceId()).isEqualTo(root.traceId());
    assertThat(tx.spanId()).isEqualTo(root.spanId());
    assertThat(tx.headerTraceId()).isEqualTo(root.traceId());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> spans = (List<Map<String, Object>>) tx.get("spans");
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0)).containsEntry("span_id", child.spanId()).containsEntry("parent_span_id", root.spanId())
        .containsEntry("trace_id", root.traceId());
  }
}
