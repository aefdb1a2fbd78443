package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextWrappingTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void wrappedTasksSeeTheSpanAndBaggageOfSubmissionAndRestoreAfterwards() throws Exception {
    try (Observability obs = TestSdk.routedTo(new FakeProvider("f")).build()) {
      ExecutorService wrapped = obs.wrap(pool);
      Callable<String> probe = () -> obs.currentSpan().context().spanId() + "|" + obs.currentBaggage();
      String expected;
      Future<String> viaService;
      Future<String> viaCallable;
      AtomicReference<String> viaRunnable = new AtomicReference<>();
      AtomicReference<String> viaExecutor = new AtomicReference<>();
      try (Span s = obs.startSpan("submit"); Scope b = obs.withBaggage(Map.of("tenant", "t1"))) {
        expected = s.context().spanId() + "|{tenant=t1}";
        viaService = wrapped.submit(probe);
        viaCallable = pool.submit(obs.wrap(probe));
        Runnable r = obs.wrap(() -> viaRunnable.set(call(probe)));
        pool.submit(r);
        obs.wrap((java.util.concurrent.Executor) pool).execute(() -> viaExecutor.set(call(probe)));
      }
      assertThat(viaService.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
      assertThat(viaCallable.get(5, TimeUnit.SECONDS)).isEqualTo(expected);
      // The single worker runs tasks in order: after this one, the earlier ones are done.
      assertThat(pool.submit(probe).get(5, TimeUnit.SECONDS)).isEqualTo(SpanContext.invalid().spanId() + "|{}");
      assertThat(viaRunnable.get()).isEqualTo(expected);
      assertThat(viaExecutor.get()).isEqualTo(expected);
      List<Future<String>> all = wrapped.invokeAll(List.of(probe, probe));
      for (Future<String> f : all) {
        assertThat(f.get()).isEqualTo(SpanContext.invalid().spanId() + "|{}");
      }
    }
  }

  @Test
  void thePrimarysOwnContextTravelsToo() throws Exception {
    FakeProvider otel = new FakeProvider("otel", b -> b.ownsContext = true);
    try (Observability obs = TestSdk.routedTo(otel).build()) {
      CompletableFuture<SpanContext> seen;
      SpanContext foreign;
      try (Scope ignored = otel.backend().startForeignSpan("agent")) {
        foreign = otel.backend().span("agent").spanContext;
        Callable<SpanContext> task = obs.wrap(() -> obs.currentSpan().context());
        seen = CompletableFuture.supplyAsync(() -> call(task), pool);
      }
      assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(foreign);
    }
  }

  private static <T> T call(Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
