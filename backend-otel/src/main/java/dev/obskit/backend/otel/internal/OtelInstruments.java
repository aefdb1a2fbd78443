package dev.obskit.backend.otel.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.spi.MetricInstrument;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleUpDownCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One small final class per instrument type, each calling its OTel instrument directly (a lambda
 * per type would make the recording call site megamorphic across types and cost a dispatch).
 *
 * <p>Each instrument remembers the last label set it saw and its attributes as one immutable
 * pair in a plain field: a bound handle records with the same {@link Labels} every time, so the
 * usual recording costs one identity compare instead of the cached-conversion lookup on the
 * labels (a volatile read and a list walk). The field is racy on purpose: a thread sees either
 * some complete pair (final fields) or an older one, and a miss falls back to the conversion.
 *
 * <p>Counters and up-down counters go one step further and pre-aggregate per series between
 * collections ({@link PendingSums}): the SDK's per-call series look-up moves to collection time.
 */
final class OtelInstruments {
  private OtelInstruments() {}

  /**
   * The last label set an instrument saw and what it resolved to (its attributes, or its series);
   * immutable so that a racy publication is safe.
   */
  private static final class Last<T> {
    final Labels labels;
    final T resolved;

    Last(Labels labels, T resolved) {
      this.labels = labels;
      this.resolved = resolved;
    }
  }

  /** The shared part: the one-entry cache in front of {@link OtelMetricSink#attributes(Labels)}. */
  private abstract static class Cached implements MetricInstrument {
    private Last<Attributes> last = new Last<>(Labels.empty(), Attributes.empty());

    final Attributes attributes(Labels labels) {
      Last<Attributes> seen = last;
      if (seen.labels == labels) {
        return seen.resolved;
      }
      Attributes converted = OtelMetricSink.attributes(labels);
      last = new Last<>(labels, converted);
      return converted;
    }
  }

  /**
   * A counter or up-down counter that pre-aggregates per series (see {@link PendingSums}); the
   * same one-entry cache as {@link Cached} finds the series of a bound handle's label set.
   */
  private abstract static class Buffered implements MetricInstrument, PendingSum.Target {
    private final PendingSums sums;
    private final Map<Attributes, PendingSum> series = new ConcurrentHashMap<>();
    /** Starts on labels no caller passes (the core hands over Labels.empty(), never null). */
    private Last<PendingSum> last = new Last<>(null, null);

    Buffered(PendingSums sums) {
      this.sums = sums;
    }

    @Override
    public final void record(double value, Labels labels) {
      Last<PendingSum> seen = last;
      PendingSum sum = seen.labels == labels ? seen.resolved : miss(labels);
      // The context is read only while the series still takes exemplar candidates this interval.
      if (sum.exemplarOffersLeft()) {
        Context context = Context.current();
        if (Span.fromContext(context).getSpanContext().isSampled()) {
          sum.offerExemplar(value, context);
          return;
        }
      }
      sum.add(value);
    }

    private PendingSum miss(Labels labels) {
      PendingSum sum = seriesFor(OtelMetricSink.attributes(labels));
      last = new Last<>(labels, sum);
      return sum;
    }

    private PendingSum seriesFor(Attributes attributes) {
      PendingSum known = series.get(attributes);
      return known != null ? known : series.computeIfAbsent(attributes, a -> sums.register(this, a));
    }
  }

  static final class Counter extends Buffered {
    private final DoubleCounter counter;

    Counter(DoubleCounter counter, PendingSums sums) {
      super(sums);
      this.counter = counter;
    }

    @Override
    public void add(double value, Attributes attributes, Context context) {
      counter.add(value, attributes, context);
    }
  }

  static final class UpDownCounter extends Buffered {
    private final DoubleUpDownCounter counter;

    UpDownCounter(DoubleUpDownCounter counter, PendingSums sums) {
      super(sums);
      this.counter = counter;
    }

    @Override
    public void add(double value, Attributes attributes, Context context) {
      counter.add(value, attributes, context);
    }
  }

  static final class Histogram extends Cached {
    private final DoubleHistogram histogram;

    Histogram(DoubleHistogram histogram) {
      this.histogram = histogram;
    }

    @Override
    public void record(double value, Labels labels) {
      histogram.record(value, attributes(labels));
    }
  }

  static final class Gauge extends Cached {
    private final DoubleGauge gauge;

    Gauge(DoubleGauge gauge) {
      this.gauge = gauge;
    }

    @Override
    public void record(double value, Labels labels) {
      gauge.set(value, attributes(labels));
    }
  }
}
