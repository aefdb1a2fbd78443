package dev.obskit.spring.boot.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.testkit.ObservabilityExtension;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One observation whose scope is open on several threads at once, as Micrometer's context
 * propagation does (wrapped executors, {@code @Async} fan-out): each thread's close must end that
 * thread's scope, so that no pool thread keeps a finished request's span current. A real
 * ObservationRegistry and the real SDK, recording into the testkit's memory backend.
 */
class ConcurrentObservationScopeTest {
  @RegisterExtension
  static final ObservabilityExtension OBS = ObservabilityExtension.builder().build();

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void anInternalObservationOpenOnTwoThreadsLeavesNeitherWithItsSpan(Observability obs, TestTelemetry telemetry)
      throws Exception {
    ObservationRegistry registry = registryFor(obs);
    Observation observation = Observation.start("fan-out", registry);

    openOnBothThreadsAndCloseInterleaved(observation);
    observation.stop();

    assertPoolThreadsAreClean(obs, telemetry, "fan-out");
  }

  @Test
  void aServerObservationOpenOnTwoThreadsLeavesNeitherWithItsSpanOrRequestScope(Observability obs,
      TestTelemetry telemetry) throws Exception {
    ObservationRegistry registry = registryFor(obs);
    Supplier<ReceiverContext<Map<String, String>>> context = () -> {
      ReceiverContext<Map<String, String>> receiver = new ReceiverContext<>((carrier, key) -> carrier.get(key));
      receiver.setCarrier(Map.of());
      return receiver;
    };
    Observation observation = Observation.createNotStarted("http.server.requests", context, registry).start();

    // The request scope is opened once, on the first thread to open the observation's scope
    // (obskit's context does not follow Micrometer's propagation to the second thread).
    openOnBothThreadsAndCloseInterleaved(observation, () -> obs.setTag("request", "first"));
    observation.stop();

    assertPoolThreadsAreClean(obs, telemetry, "http.server.requests");
    // The request's tag went with its scope: later work on the pool threads does not carry it.
    List<Map<String, String>> tagsSeen = new CopyOnWriteArrayList<>();
    onEachPoolThread(() -> tagsSeen.add(Map.copyOf(telemetry.tags())));
    assertThat(tagsSeen).allSatisfy(tags -> assertThat(tags).doesNotContainKey("request"));
  }

  @Test
  void aResetClearsWhatThisThreadHasCurrent(Observability obs) throws Exception {
    ObservationRegistry registry = registryFor(obs);
    Observation observation = Observation.start("reset", registry);
    Observation.Scope scope = observation.openScope();
    try {
      assertThat(obs.currentSpan().isRecording()).isTrue();
      scope.reset();
      assertThat(obs.currentSpan().context().isValid()).isFalse();
    } finally {
      scope.close(); // closing after a reset finds nothing left to close on this thread
      observation.stop();
    }
    assertThat(obs.currentSpan().context().isValid()).isFalse();
  }

  private static ObservationRegistry registryFor(Observability obs) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObskitObservationHandler(obs));
    return registry;
  }

  private void openOnBothThreadsAndCloseInterleaved(Observation observation) throws Exception {
    openOnBothThreadsAndCloseInterleaved(observation, () -> {});
  }

  /**
   * Thread A opens, then thread B opens; A closes while B's scope is still open, then B closes:
   * the interleaving in which a scope stack shared by the threads hands A the scope B opened.
   */
  private void openOnBothThreadsAndCloseInterleaved(Observation observation, Runnable insideFirstScope)
      throws Exception {
    CountDownLatch aOpened = new CountDownLatch(1);
    CountDownLatch bOpened = new CountDownLatch(1);
    CountDownLatch aClosed = new CountDownLatch(1);
    Future<?> a = pool.submit(() -> {
      Observation.Scope scope = observation.openScope();
      insideFirstScope.run();
      aOpened.countDown();
      await(bOpened);
      scope.close();
      aClosed.countDown();
      return null;
    });
    Future<?> b = pool.submit(() -> {
      await(aOpened);
      Observation.Scope scope = observation.openScope();
      bOpened.countDown();
      await(aClosed);
      scope.close();
      return null;
    });
    a.get(10, TimeUnit.SECONDS);
    b.get(10, TimeUnit.SECONDS);
  }

  private void assertPoolThreadsAreClean(Observability obs, TestTelemetry telemetry, String observationName)
      throws Exception {
    RecordedSpan request = telemetry.span(observationName).orElseThrow();
    List<Boolean> spanLeftCurrent = new CopyOnWriteArrayList<>();
    onEachPoolThread(() -> {
      spanLeftCurrent.add(obs.currentSpan().context().isValid() || obs.currentSpan().isRecording());
      Span next = obs.spanBuilder("next-work").startDetached();
      next.end();
    });

    assertThat(spanLeftCurrent).containsExactly(false, false);
    List<RecordedSpan> next = telemetry.spans("next-work");
    assertThat(next).hasSize(2).allSatisfy(span -> {
      assertThat(span.isRoot()).as("%s is a root", span).isTrue();
      assertThat(span.traceId()).isNotEqualTo(request.traceId());
    });
  }

  /** Runs {@code work} once on each of the pool's two threads (the barrier keeps them apart). */
  private void onEachPoolThread(Runnable work) throws Exception {
    CyclicBarrier both = new CyclicBarrier(2);
    List<Future<?>> runs = List.of(pool.submit(() -> {
      both.await(10, TimeUnit.SECONDS);
      work.run();
      return null;
    }), pool.submit(() -> {
      both.await(10, TimeUnit.SECONDS);
      work.run();
      return null;
    }));
    for (Future<?> run : runs) {
      run.get(10, TimeUnit.SECONDS);
    }
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
