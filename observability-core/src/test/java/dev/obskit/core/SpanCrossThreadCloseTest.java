package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A span started current and then closed on another thread (an async completion callback) stays
 * current on its own thread only until the scope enclosing it closes there, as the misuse warning
 * promises; after that the owner thread's context, and the primary's, are the ones from before.
 */
class SpanCrossThreadCloseTest {

  @Test
  void theEnclosingSpanClosingOnTheOwnerThreadRestoresWhatWasCurrentBeforeIt() throws Exception {
    FakeProvider fake = new FakeProvider("fake", b -> b.ownsContext = true);
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Span outer = obs.startSpan("outer");
      Span inner = obs.startSpan("inner");
      CompletableFuture.runAsync(inner::close).get(5, TimeUnit.SECONDS);
      // Documented: the closed span stays current here until the enclosing scope closes.
      assertThat(obs.currentSpan()).isSameAs(inner);
      outer.close();
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      try (Span next = obs.startSpan("next")) {
        assertThat(next.context().traceId()).isNotEqualTo(outer.context().traceId());
      }
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      // Only the close on the other thread was misuse; the owner closed in order.
      assertThat(obs.selfMetrics().get("context_misuse")).isEqualTo(1);
    }
  }

  @Test
  void aNestedMakeCurrentOfASpanClosedElsewhereIsUnwoundByTheEnclosingScope() throws Exception {
    FakeProvider fake = new FakeProvider("fake", b -> b.ownsContext = true);
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Span outer = obs.startSpan("outer");
      Span inner = obs.startSpan("inner");
      Scope again = inner.makeCurrent();
      CompletableFuture.runAsync(again::close).get(5, TimeUnit.SECONDS);
      CompletableFuture.runAsync(inner::close).get(5, TimeUnit.SECONDS);
      outer.close();
      assertThat(obs.currentSpan().context().isValid()).isFalse();
      assertThat(obs.selfMetrics().get("context_misuse")).isEqualTo(2);
    }
  }

  @Test
  void aPoolThreadIsCleanAfterAWrappedTaskWhoseSpanWasClosedByACallbackElsewhere() throws Exception {
    FakeProvider fake = new FakeProvider("fake", b -> b.ownsContext = true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      SpanContext request;
      try (Span r = obs.startSpan("request")) {
        request = r.context();
        obs.wrap(pool).submit(() -> {
          Span call = obs.startSpan("async-call");
          // The completion callback runs elsewhere and closes the span before the task returns.
          CompletableFuture.runAsync(call::close).join();
        }).get(5, TimeUnit.SECONDS);
      }
      // The next, unwrapped, piece of work on the pool thread belongs to no trace.
      SpanContext seen = pool.submit(() -> obs.currentSpan().context()).get(5, TimeUnit.SECONDS);
      assertThat(seen.isValid()).as("left current on the pool thread: %s (request %s)", seen, request).isFalse();
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }
}
