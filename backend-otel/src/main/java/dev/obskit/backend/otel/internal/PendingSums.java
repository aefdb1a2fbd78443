package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Pre-aggregation for counters and up-down counters: each series the core binds adds into its
 * own {@link PendingSum}, and the sums go to the SDK's synchronous instruments once per
 * collection instead of once per call. The performance reasons are in docs/performance.md.
 *
 * <p>How the sums reach the exporter on time: the SDK runs a meter's callbacks before it collects
 * that meter's synchronous storages, in the same collection and under the same lock. The SDK
 * does not document that order; {@code SdkCollectionOrderTest} pins it and fails if an SDK
 * upgrade changes it. A batch callback on the meter every counter comes from therefore flushes
 * into the storages just before they are read, for every reader (periodic OTLP or logging export,
 * a Prometheus scrape, the final collection at shutdown). The callback needs one observable
 * instrument to hang on; it never records, and the SDK leaves metrics without points out of what
 * it exports.
 *
 * <p>Exemplars: the SDK's default filter keeps measurements made in a sampled span, in a reservoir
 * of one exemplar per CPU per series and interval. Each series therefore still hands the SDK its
 * first {@link #EXEMPLAR_OFFERS} additions made in a sampled span in each collection interval,
 * one by one with their context; the rest of the interval's additions are buffered. Exemplars are
 * thus drawn from the first in-span additions of an interval rather than from all of them.
 *
 * <p>The anchor must keep its storage: the SDK skips a callback whose instruments have none (a
 * view dropping observable gauges would silence every counter). The backend registers views for
 * named histograms only.
 */
final class PendingSums {
  /** The observable instrument the flush callback hangs on; it never has a point. */
  static final String ANCHOR = "obskit.otel.pending_sums";
  /** Additions per series and interval offered to the SDK's exemplar reservoir (twice its size). */
  static final int EXEMPLAR_OFFERS = 2 * Runtime.getRuntime().availableProcessors();

  private final Queue<PendingSum> all = new ConcurrentLinkedQueue<>();

  PendingSums(Meter meter) {
    ObservableDoubleMeasurement anchor = meter.gaugeBuilder(ANCHOR).buildObserver();
    meter.batchCallback(this::flush, anchor);
  }

  /**
   * A new series. Binding equal attributes twice gives two sums that both flush into the one SDK
   * series, so the total stays right; the core binds each label set once anyway.
   */
  PendingSum register(PendingSum.Target target, Attributes attributes) {
    PendingSum sum = new PendingSum(target, attributes, EXEMPLAR_OFFERS);
    all.add(sum);
    return sum;
  }

  /** Hands every pending sum to the SDK; called by the SDK at each collection. */
  void flush() {
    for (PendingSum sum : all) {
      sum.flush();
    }
  }
}
