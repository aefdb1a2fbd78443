package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.ZipkinSpans;
import dev.obskit.it.sdk.ItSdk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The current span follows work onto other threads through the facade's wrappers (wrapped
 * executor service, wrapped Runnable on a plain executor), with the OpenTelemetry backend owning
 * the context: in Zipkin the spans started on worker threads are children of the submitting span.
 */
@RequiresPeers(Peer.ZIPKIN)
class ContextAcrossThreadsIT {
  private static final String SERVICE = "it-threads";

  @Test
  void spansStartedOnWorkerThreadsAreChildrenOfTheSubmittingSpan(ZipkinPeer zipkin) throws Exception {
    Observability obs = ItSdk.service(SERVICE).tracesToZipkin(zipkin.endpoint()).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    String traceId;
    String batchId;
    try {
      ExecutorService wrapped = obs.wrap(pool);
      try (Span batch = obs.spanBuilder("batch").noParent().start()) {
        traceId = batch.context().traceId();
        batchId = batch.context().spanId();
        Future<?> first = wrapped.submit(() -> obs.inSpan("item 1", () -> { }));
        Future<?> second = wrapped.submit(() -> obs.inSpan("item 2", () -> { }));
        CompletableFuture<Void> third = CompletableFuture.runAsync(obs.wrap(() -> obs.inSpan("item 3", () -> { })), pool);
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        third.get(10, TimeUnit.SECONDS);
      }
      // A task submitted after the span closed carries no parent: it must not join the trace.
      wrapped.submit(() -> obs.inSpan("unrelated", () -> { })).get(10, TimeUnit.SECONDS);
      assertThat(obs.flush(Duration.ofSeconds(15))).isTrue();
    } finally {
      pool.shutdownNow();
      obs.close(Duration.ofSeconds(10));
    }

    List<ObservedSpan> spans = ZipkinSpans.parse(zipkin.awaitTrace(traceId, 4, Duration.ofSeconds(20)));
    Map<String, ObservedSpan> byName = spans.stream().collect(Collectors.toMap(ObservedSpan::name, Function.identity()));
    assertThat(byName.keySet()).as("spans of the batch trace: %s", spans)
        .containsExactlyInAnyOrder("batch", "item 1", "item 2", "item 3");
    for (String item : List.of("item 1", "item 2", "item 3")) {
      assertThat(byName.get(item).parentId()).as("parent of %s", item).isEqualTo(batchId);
    }
  }
}
