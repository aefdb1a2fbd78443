package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * What the facade is starting on this thread right now. The SDK calls the id generator, the
 * sampler and the span processors synchronously inside {@code SpanBuilder.startSpan()}, so a
 * thread-local set around that call lets them tell facade spans from foreign ones and, when this
 * backend mirrors another primary, hand the SDK the primary's ids and sampling decision.
 */
final class StartInProgress {
  private static final ThreadLocal<StartInProgress> CURRENT = new ThreadLocal<>();
  /** The primary's start (SDK assigns the ids): shared, so a facade span allocates no marker. */
  private static final StartInProgress PRIMARY = new StartInProgress(null);

  /** The ids to reuse (mirror), or null to let the SDK assign them (primary). */
  final dev.obskit.api.SpanContext assigned;

  private StartInProgress(dev.obskit.api.SpanContext assigned) {
    this.assigned = assigned;
  }

  /** Marks a facade start on this thread; call {@link #end()} in a finally block. */
  static void begin(dev.obskit.api.SpanContext assigned) {
    CURRENT.set(assigned != null && assigned.isValid() ? new StartInProgress(assigned) : PRIMARY);
  }

  static void end() {
    // set(null), not remove(): the thread starts spans again soon, and remove() costs a map
    // expunge per span while the entry (one null value per thread) costs nothing to keep.
    CURRENT.set(null);
  }

  /** Whether the span being started on this thread comes from the facade. */
  static boolean isFacadeStart() {
    return CURRENT.get() != null;
  }

  private static dev.obskit.api.SpanContext assignedIds() {
    StartInProgress current = CURRENT.get();
    return current == null ? null : current.assigned;
  }

  /** Random ids, except while a mirrored span starts: then the primary's ids. */
  static final class AssigningIdGenerator implements IdGenerator {
    private final IdGenerator random = IdGenerator.random();

    @Override
    public String generateSpanId() {
      dev.obskit.api.SpanContext assigned = assignedIds();
      return assigned != null ? assigned.spanId() : random.generateSpanId();
    }

    @Override
    public String generateTraceId() {
      dev.obskit.api.SpanContext assigned = assignedIds();
      return assigned != null ? assigned.traceId() : random.generateTraceId();
    }

    /** Tells the SDK whether to set the W3C random flag on a root: the primary's, when mirroring. */
    @Override
    public boolean generatesRandomTraceIds() {
      dev.obskit.api.SpanContext assigned = assignedIds();
      return assigned != null ? assigned.isRandom() : random.generatesRandomTraceIds();
    }
  }

  /** The configured sampler, except while a mirrored span starts: then the primary's decision. */
  static final class MirrorAwareSampler implements Sampler {
    private final Sampler delegate;

    MirrorAwareSampler(Sampler delegate) {
      this.delegate = delegate;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
        Attributes attributes, List<LinkData> parentLinks) {
      dev.obskit.api.SpanContext assigned = assignedIds();
      if (assigned != null) {
        return assigned.isSampled() ? SamplingResult.recordAndSample() : SamplingResult.drop();
      }
      return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
      return "MirrorAware{" + delegate.getDescription() + "}";
    }
  }
}
