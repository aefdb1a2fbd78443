package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.SentryDate;
import io.sentry.SentryLongDate;
import io.sentry.SpanId;
import io.sentry.SpanOptions;
import io.sentry.TracesSamplingDecision;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.SentryId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spans as Sentry transactions and child spans.
 *
 * <p>A span whose parent is a live span of this sink becomes a child span of it; any other span
 * (root, remote parent, parent unknown or already finished) becomes a transaction whose parent
 * span id is the parent's. Ids are never Sentry's own: as primary this sink assigns W3C ids (32
 * and 16 lowercase hex) and makes the sampling decision (parent's flag, else
 * {@code traces_sample_rate}); as a mirror it reuses the primary's ids and sampled flag, so the
 * Sentry transaction tree has exactly the OpenTelemetry span ids.
 */
final class SentrySpanSink implements SpanSink {
  /** Attribute that overrides the Sentry operation (otherwise the span kind, lower-case). */
  static final String OP_ATTRIBUTE = "sentry.op";

  private final IScopes scopes;
  private final double sampleRate;
  private final Map<String, ISpan> live = new ConcurrentHashMap<>();

  SentrySpanSink(IScopes scopes, double sampleRate) {
    this.scopes = scopes;
    this.sampleRate = sampleRate;
  }

  @Override
  public SpanHandle start(SpanStart start) {
    SpanContext parent = start.parent();
    SpanContext ids = start.assignedContext().isValid() ? start.assignedContext() : assign(parent);
    if (!ids.isSampled()) {
      return SpanHandle.noop(ids);
    }
    String op = operation(start);
    SentryDate startDate = start.startEpochNanos() > 0 ? new SentryLongDate(start.startEpochNanos()) : null;
    ISpan span = null;
    ISpan parentSpan = parent.isValid() && !parent.isRemote() ? live.get(parent.spanId()) : null;
    if (parentSpan != null && !parentSpan.isFinished()) {
      io.sentry.SpanContext child = new io.sentry.SpanContext(new SentryId(ids.traceId()),
          new SpanId(ids.spanId()), op, new SpanId(parent.spanId()), new TracesSamplingDecision(true));
      child.setDescription(start.name());
      SpanOptions options = new SpanOptions();
      options.setStartTimestamp(startDate);
      span = parentSpan.startChild(child, options);
    }
    boolean transaction = false;
    if (span == null || span.isNoOp()) {
      TransactionContext tx = new TransactionContext(new SentryId(ids.traceId()), new SpanId(ids.spanId()),
          parent.isValid() ? new SpanId(parent.spanId()) : null, null, null);
      tx.setName(start.name());
      tx.setOperation(op);
      tx.setSamplingDecision(new TracesSamplingDecision(true));
      TransactionOptions options = new TransactionOptions();
      options.setStartTimestamp(startDate);
      options.setBindToScope(false);
      span = scopes.startTransaction(tx, options);
      transaction = true;
    }
    if (span.isNoOp()) {
      return SpanHandle.noop(ids);
    }
    start.attributes().forEach(span::setData);
    live.put(ids.spanId(), span);
    return new SentrySpanHandle(ids, span, transaction, live);
  }

  private SpanContext assign(SpanContext parent) {
    String spanId = new SpanId().toString();
    if (parent.isValid()) {
      return SpanContext.create(parent.traceId(), spanId, parent.isSampled(), parent.traceState());
    }
    boolean sampled = sampleRate >= 1.0 || (sampleRate > 0.0 && ThreadLocalRandom.current().nextDouble() < sampleRate);
    return SpanContext.create(new SentryId().toString(), spanId, sampled, "");
  }

  private static String operation(SpanStart start) {
    Object op = start.attributes().get(OP_ATTRIBUTE);
    return op instanceof String && !((String) op).isEmpty()
        ? (String) op : start.kind().name().toLowerCase(Locale.ROOT);
  }

  /** Spans started and not yet ended (for tests and diagnostics). */
  int liveCount() {
    return live.size();
  }
}
