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
    return export(exporter, batch, NOTHING);
  }

  /**
   * {@link #export(Function, Collection)}, running {@code handedOver} when the batch counts as
   * pending here: a caller that counts the items elsewhere until then (spans queued behind the
   * admission guard) stops counting them there at the same moment, so that close, counting what
   * is queued and what is pending, counts every item once.
   */
  <T> CompletableResultCode export(
      Function<Collection<T>, CompletableResultCode> exporter, Collection<T> batch, Runnable handedOver) {
    // Registered before the exporter runs: close may give up while the export is being built.
    Batch tracked = begin(batch.size(), handedOver);
    CompletableResultCode result;
    try {
      result = exporter.apply(batch);
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    if (tracked != null) {
      tracked.awaitOutcome(result);
    }
    return result;
  }

  /** The batch of {@code items}, now pending; null once close gave up (its items counted as queued then). */
  private synchronized Batch begin(int items, Runnable handedOver) {
    handedOver.run();
    if (abandoned) {
      return null;
    }
    Batch batch = new Batch(items);
    pending.add(batch);
    return batch;
  }

  /** Counts every export still running as lost; called when close runs out of time. */
  void abandonAll() {
    abandonAll(NOTHING);
  }

  /**
   * Counts every export still running as lost, after {@code countQueued} counted the items not
   * handed over yet, with no batch moving from one to the other in between.
   */
  synchronized void abandonAll(Runnable countQueued) {
    countQueued.run();
    abandoned = true;
    for (Batch batch : pending) {
      pending.remove(batch);
      batch.countLost();
    }
  }

  private static final Runnable NOTHING = () -> {};

  private final class Batch {
    private final int items;
    private final AtomicBoolean counted = new AtomicBoolean();

    Batch(int items) {
      this.items = items;
    }

    /** Counts the batch as lost if {@code result} fails; it stops being pending either way. */
    void awaitOutcome(CompletableResultCode result) {
      result.whenComplete(() -> {
        pending.remove(this);
        if (!result.isSuccess()) {
          countLost();
        }
      });
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
