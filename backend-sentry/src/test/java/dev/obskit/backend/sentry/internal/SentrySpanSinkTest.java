package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.backend.sentry.SentryBackendProvider;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The open-span bookkeeping of the span sink: spans never ended must not pile up. */
class SentrySpanSinkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SentryTestServer server = SentryTestServer.start();
  private final BackendHarness.Created created = BackendHarness.create(new SentryBackendProvider(),
      Map.of("dsn", server.dsn()), EnumSet.of(Signal.TRACES), true);
  private final SentryBackend backend = (SentryBackend) created.backend();

  @AfterEach
  void stop() {
    created.close();
    server.close();
  }

  private static SpanHandle start(SentrySpanSink sink, String name, SpanContext parent) {
    return sink.start(SpanStart.builder(name).parent(parent).build());
  }

  @Test
  void childrenNeverEndedAreForgottenWhenTheirTransactionFinishes() {
    SentrySpanSink sink = (SentrySpanSink) backend.sinks().traces().orElseThrow();
    SpanHandle root = start(sink, "root", SpanContext.invalid());
    SpanHandle child = start(sink, "child", root.context());
    start(sink, "grandchild", child.context());
    assertThat(sink.liveCount()).isEqualTo(3);

    root.end();

    assertThat(sink.liveCount()).isZero();
    ReceivedItem tx = server.awaitTransaction(x -> true, WAIT);
    assertThat(tx.spanId()).isEqualTo(root.context().spanId());
  }

  @Test
  void aTransactionFinishedBySentryItselfIsForgottenToo() {
    SentrySpanSink sink = (SentrySpanSink) backend.sinks().traces().orElseThrow();
    SpanHandle root = start(sink, "root", SpanContext.invalid());
    start(sink, "child", root.context());

    // Not through our handle: any path that finishes the transaction releases it.
    ((SentrySpanHandle) root).sentrySpan().finish();

    assertThat(sink.liveCount()).isZero();
  }

  @Test
  void beyondTheLimitTheOldestOpenSpanIsForgottenCountedAndStillSentWhenEnded() {
    SentrySpanSink sink = new SentrySpanSink(backend.scopes(), 1.0, created.selfMetrics(), 2,
        new SecretScrubbing(new dev.obskit.core.internal.DefaultScrubber(java.util.List.of())), backend.delivery(),
        1.0);
    SpanHandle oldest = start(sink, "oldest", SpanContext.invalid());
    SpanHandle second = start(sink, "second", SpanContext.invalid());
    SpanHandle third = start(sink, "third", SpanContext.invalid());
    for (int i = 0; i < 10; i++) {
      start(sink, "leaked-" + i, SpanContext.invalid());
    }

    assertThat(sink.liveCount()).isEqualTo(2);
    assertThat(created.selfMetrics().get(SentrySpanSink.OPEN_SPAN_LIMIT_KEY)).isEqualTo(11);

    // A forgotten span can still be ended: it is sent; a span started under it becomes a
    // transaction whose parent is the forgotten span.
    SpanHandle late = start(sink, "late-child", oldest.context());
    late.end();
    oldest.end();
    ReceivedItem oldestTx = server.awaitTransaction(x -> "oldest".equals(x.getString("transaction")), WAIT);
    assertThat(oldestTx.spanId()).isEqualTo(oldest.context().spanId());
    ReceivedItem lateTx = server.awaitTransaction(x -> "late-child".equals(x.getString("transaction")), WAIT);
    assertThat(lateTx.parentSpanId()).isEqualTo(oldest.context().spanId());
    assertThat(second.isRecording()).isTrue();
    assertThat(third.isRecording()).isTrue();
  }

  @Test
  void closingTheBackendForgetsOpenSpans() {
    SentrySpanSink sink = (SentrySpanSink) backend.sinks().traces().orElseThrow();
    start(sink, "never-ended", SpanContext.invalid());
    assertThat(sink.liveCount()).isEqualTo(1);

    backend.close(Duration.ofSeconds(2));

    assertThat(sink.liveCount()).isZero();
  }
}
