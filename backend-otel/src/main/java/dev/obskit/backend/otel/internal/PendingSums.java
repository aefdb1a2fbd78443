package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Pre-aggregation for counters and up-down counters: each series adds into its own
 * {@link PendingSum}, and the sums go to the SDK's synchronous instruments once per collection
 * instead of once per call.
 *
 * <p>Why: a synchronous {@code add} in the SDK looks its series up by {@code Attributes} (hash and
 * equals over the pairs), reads the current context and asks the exemplar filter, every call. A
 * bound facade handle already knows its series, so the per-call work can be one
 * {@code DoubleAdder.add}, which is what the SDK itself does once it has found the series.
 *
 * <p>How the sums reach the exporter on time: the SDK runs a meter's callbacks before it collects
 * that meter's synchronous storages, in the same collection and under the same lock. A batch
 * callback on the meter every counter comes from therefore flushes into the storages just
 * before they are read, for every reader (periodic OTLP or logging export, a Prometheus scrape,
 * the final collection at shutdown). The callback needs one observable instrument to hang on; it
 * never records, and the SDK leaves metrics without points out of what it exports.
 *
 * <p>What changes for users: nothing in the exported sums. Measurements made inside a sampled span
 * skip the buffer and go to the SDK directly (see {@link OtelInstruments}), so the default
 * trace-based exemplar filter sees the same spans as before.
 */
final class PendingSums {
  /** The observable instrument the flush callback hangs on; it never has a point. */
  static final String ANCHOR = "obskit.otel.pending_sums";

  private final Queue<PendingSum> all = new ConcurrentLinkedQueue<>();

  PendingSums(Meter meter) {
    ObservableDoubleMeasurement anchor = meter.gaugeBuilder(ANCHOR).buildObserver();
    meter.batchCallback(this::flush, anchor);
  }

  /** A new series; the caller makes sure each series is created once. */
  PendingSum register(PendingSum.Target target, io.opentelemetry.api.common.Attributes attributes) {
    PendingSum sum = new PendingSum(target, attributes);
    all.add(sum);
    return sum;
  }

  /** Hands every pending sum to the SDK; called by the SDK at each collection. */
  void flush() {
    // The root context: a flush from a thread inside a sampled span (a test calling
    // forceFlush, say) must not attach that span to the sums as an exemplar.
    try (Scope ignored = Context.root().makeCurrent()) {
      for (PendingSum sum : all) {
        sum.flush();
      }
    }
  }
}
