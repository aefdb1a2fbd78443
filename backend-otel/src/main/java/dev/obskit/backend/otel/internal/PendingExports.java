package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Counts the items of failed exports exactly once, including exports still running when close
 * gives up on them: those are abandoned (counted as dropped at close) and their late outcome is
 * ignored, so nothing is counted twice.
 */
final class PendingExports {
  private final SelfMetrics selfMetrics;
  private final String[] droppedKeys;
  private final Set<Batch> pending = ConcurrentHashMap.newKeySet();
  /** Set when close gave up: items exported later were already counted as stranded. */
  private volatile boolean abandoned;

  /**
   * @param droppedKeys the self-metric keys incremented by the item count of a lost export
   */
  PendingExports(SelfMetrics selfMetrics, String... droppedKeys) {
    this.selfMetrics = selfMetrics;
    this.droppedKeys = droppedKeys;
  }

  /**
   * Runs one export through {@code exporter} and tracks it. An exporter that throws instead of
   * returning a failed result is turned into one, so its batch is counted like any other failure.
   * Pass an exporter reference created once, not per call: this runs for every batch.
   */
  <T> CompletableResultCode export(
      Function<Collection<T>, CompletableResultCode> exporter, Collection<T> batch) {
    CompletableResultCode result;
    try {
      result = exporter.apply(batch);
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    track(result, batch.size());
    return result;
  }

  /** Tracks one export of {@code items} items until {@code result} completes. */
  void track(CompletableResultCode result, int items) {
    if (abandoned) {
      return;
    }
    Batch batch = new Batch(items);
    pending.add(batch);
    result.whenComplete(() -> {
      pending.remove(batch);
      if (!result.isSuccess()) {
        batch.countLost();
      }
    });
  }

  /** Counts every export still running as lost; called when close runs out of time. */
  void abandonAll() {
    abandoned = true;
    for (Batch batch : pending) {
      pending.remove(batch);
      batch.countLost();
    }
  }

  private final class Batch {
    private final int items;
    private final AtomicBoolean counted = new AtomicBoolean();

    Batch(int items) {
      this.items = items;
    }

    void countLost() {
      if (counted.compareAndSet(false, true)) {
        selfMetrics.increment(SelfMetricKeys.EXPORT_FAILURES);
        for (String key : droppedKeys) {
          selfMetrics.add(key, items);
        }
      }
    }
  }
}
