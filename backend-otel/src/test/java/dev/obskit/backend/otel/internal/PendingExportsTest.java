package dev.obskit.backend.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.SelfMetrics;
import dev.obskit.core.internal.SelfMetricsRegistry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Close giving up counts every item once, whether it is still queued, inside an export that is
 * being built, or inside one still running; whatever the export does afterwards.
 */
class PendingExportsTest {
  private final SelfMetrics metrics = new SelfMetricsRegistry();
  private final PendingExports pending = new PendingExports(metrics, "lost");
  /** Items accepted but not handed to an export yet, as the admission guard counts them. */
  private final AtomicLong queued = new AtomicLong(3);

  private void closeGivesUp() {
    pending.abandonAll(() -> metrics.add("lost", queued.get()));
  }

  @Test
  void closeGivingUpWhileTheExportIsBeingBuiltCountsItsItemsOnce() throws Exception {
    CountDownLatch inExporter = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    CompletableResultCode failed = CompletableResultCode.ofFailure();
    Function<Collection<String>, CompletableResultCode> slowExporter = batch -> {
      inExporter.countDown();
      await(closed);
      return failed;
    };
    AtomicReference<CompletableResultCode> result = new AtomicReference<>();
    Thread exporting = new Thread(() ->
        result.set(pending.export(slowExporter, List.of("a", "b", "c"), () -> queued.addAndGet(-3))));
    exporting.start();
    assertThat(inExporter.await(5, TimeUnit.SECONDS)).isTrue();

    closeGivesUp();
    closed.countDown();
    exporting.join(5_000);

    assertThat(result.get()).isSameAs(failed);
    assertThat(metrics.get("lost")).isEqualTo(3);
    assertThat(metrics.get(SelfMetricKeys.EXPORT_FAILURES)).isEqualTo(1);
  }

  @Test
  void anExportStartingAfterCloseGaveUpWasCountedAsQueued() {
    closeGivesUp();
    pending.export(batch -> CompletableResultCode.ofFailure(), List.of("a", "b", "c"), () -> queued.addAndGet(-3));

    assertThat(metrics.get("lost")).isEqualTo(3);
    assertThat(metrics.get(SelfMetricKeys.EXPORT_FAILURES)).isZero();
  }

  @Test
  void aRunningExportFailingAfterCloseGaveUpIsNotCountedTwice() {
    CompletableResultCode running = new CompletableResultCode();
    pending.export(batch -> running, List.of("a", "b", "c"), () -> queued.addAndGet(-3));

    closeGivesUp();
    running.fail();

    assertThat(metrics.get("lost")).isEqualTo(3);
    assertThat(metrics.get(SelfMetricKeys.EXPORT_FAILURES)).isEqualTo(1);
  }

  @Test
  void aFailedExportIsCountedAndASuccessfulOneIsNot() {
    pending.export(batch -> CompletableResultCode.ofSuccess(), List.of("a"));
    pending.export(batch -> CompletableResultCode.ofFailure(), List.of("b", "c"));
    pending.export(batch -> {
      throw new IllegalStateException("exporter bug");
    }, List.of("d"));

    assertThat(metrics.get("lost")).isEqualTo(3);
    assertThat(metrics.get(SelfMetricKeys.EXPORT_FAILURES)).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
