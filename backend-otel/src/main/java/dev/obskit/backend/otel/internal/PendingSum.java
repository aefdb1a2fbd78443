package dev.obskit.backend.otel.internal;

import dev.obskit.api.spi.MetricInstrument;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * One counter series (an instrument and one attribute set) whose additions wait in a
 * {@link DoubleAdder} until the next collection hands their sum to the SDK (see
 * {@link PendingSums}).
 */
final class PendingSum implements MetricInstrument.Series {
  /** Where sums and exemplar candidates go: the SDK instrument's {@code add}. */
  @FunctionalInterface
  interface Target {
    void add(double value, Attributes attributes, Context context);
  }

  private final Target target;
  private final Attributes attributes;
  private final int exemplarOffersPerInterval;
  private final DoubleAdder pending = new DoubleAdder();
  /**
   * How many more additions made in a sampled span go to the SDK as they come in this collection
   * interval (see {@link #record(double)}). A plain field on purpose: a lost decrement or a reset
   * racing with one only changes how many go directly, never a sum.
   */
  private int exemplarOffers;

  PendingSum(Target target, Attributes attributes, int exemplarOffersPerInterval) {
    this.target = target;
    this.attributes = attributes;
    this.exemplarOffersPerInterval = exemplarOffersPerInterval;
    this.exemplarOffers = exemplarOffersPerInterval;
    // The SDK dates a cumulative series from its first add. Creating it now, with the first
    // recording, gives the same start time as per-call adds; created at the first flush, inside
    // a collection, the start would be later than the collection's own timestamp.
    target.add(0, attributes, Context.root());
  }

  /**
   * Adds {@code value} to the pending sum. While this interval still has exemplar offers left,
   * an addition made in a sampled span goes to the SDK directly, with its context, so that the
   * SDK's exemplar reservoir can keep it.
   */
  @Override
  public void record(double value) {
    if (exemplarOffers > 0) {
      Context context = Context.current();
      if (Span.fromContext(context).getSpanContext().isSampled()) {
        exemplarOffers--;
        target.add(value, attributes, context);
        return;
      }
    }
    pending.add(value);
  }

  /**
   * Hands what was added since the last flush to the SDK, without a span context (the sum is no
   * exemplar), and renews this interval's exemplar offers. Serialised by the SDK's collection lock.
   */
  void flush() {
    double sum = pending.sumThenReset();
    if (sum != 0) {
      target.add(sum, attributes, Context.root());
    }
    exemplarOffers = exemplarOffersPerInterval;
  }
}
