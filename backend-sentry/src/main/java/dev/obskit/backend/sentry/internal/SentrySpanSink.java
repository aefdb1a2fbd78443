package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import io.sentry.IScopes;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.SentryDate;
import io.sentry.SentryLongDate;
import io.sentry.Span;
import io.sentry.SpanId;
import io.sentry.SpanOptions;
import io.sentry.TracesSamplingDecision;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.SentryId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>Open spans are remembered (span id to Sentry span) only to find the parent of the next span.
 * An entry leaves when its span ends, and when its transaction finishes, together with every
 * child of that transaction (Sentry leaves children that were never ended unfinished). Spans the
 * application never ends would still pile up, so at most {@link #MAX_OPEN_SPANS} are remembered:
 * beyond that the oldest is forgotten and counted ({@value #OPEN_SPAN_LIMIT_KEY}). A forgotten
 * span is still sent if it is ended later; spans started under it afterwards become transactions
 * of their own (with its id as parent span id).
 */
final class SentrySpanSink implements SpanSink {
  /** Attribute that overrides the Sentry operation (otherwise the span kind, lower-case). */
  static final String OP_ATTRIBUTE = "sentry.op";
  /** Open spans remembered at most (see the class comment). */
  static final int MAX_OPEN_SPANS = 10_000;
  /** Self-metric: open spans forgotten because {@link #MAX_OPEN_SPANS} were open. */
  static final String OPEN_SPAN_LIMIT_KEY = "sentry.dropped.open_span_limit";

  private final IScopes scopes;
  private final double sampleRate;
  private final OpenSpans live;
  private final SecretScrubbing scrubbing;
  private final Delivery delivery;
  /** The share of traces mirrored (as a mirror; 1.0 as primary), decided per trace id. */
  private final long mirrorThreshold;

  SentrySpanSink(IScopes scopes, double sampleRate, SelfMetrics selfMetrics, SecretScrubbing scrubbing,
      Delivery delivery, double mirrorSampleRate) {
    this(scopes, sampleRate, selfMetrics, MAX_OPEN_SPANS, scrubbing, delivery, mirrorSampleRate);
  }

  SentrySpanSink(IScopes scopes, double sampleRate, SelfMetrics selfMetrics, int maxOpenSpans,
      SecretScrubbing scrubbing, Delivery delivery, double mirrorSampleRate) {
    this.scopes = scopes;
    this.sampleRate = sampleRate;
    this.live = new OpenSpans(maxOpenSpans, selfMetrics);
    this.scrubbing = scrubbing;
    this.delivery = delivery;
    this.mirrorThreshold = mirrorSampleRate >= 1.0 ? Long.MAX_VALUE : (long) (mirrorSampleRate * (1L << 52));
  }

  /**
   * Whether the trace is mirrored under {@code sentry.mirror_sample_rate}: decided from the
   * trace id alone, so every span of a trace gets the same answer without shared state, and the
   * primary's own sampling is untouched.
   */
  private boolean mirrored(String traceId) {
    if (mirrorThreshold == Long.MAX_VALUE) {
      return true;
    }
    long low = Long.parseUnsignedLong(traceId.substring(traceId.length() - 13), 16);
    return low < mirrorThreshold;
  }

  @Override
  public SpanHandle start(SpanStart start) {
    SpanContext parent = start.parent();
    SpanContext ids = start.assignedContext().isValid() ? start.assignedContext() : assign(parent);
    if (!ids.isSampled() || !mirrored(ids.traceId())) {
      return SpanHandle.noop(ids);
    }
    String op = operation(start);
    // Without a start time Sentry reads its own clock (null date).
    SentryDate startDate = start.startEpochNanos().isPresent() ? new SentryLongDate(start.startEpochNanos().getAsLong()) : null;
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
      // Runs however the transaction finishes (ended here, or by Sentry itself).
      options.setTransactionFinishedCallback(live::forgetTransaction);
      span = scopes.startTransaction(tx, options);
      transaction = true;
    }
    if (span.isNoOp()) {
      return SpanHandle.noop(ids);
    }
    ISpan target = span;
    start.attributes().forEach((key, value) -> target.setData(key, scrubbing.spanData(key, value)));
    live.put(ids.spanId(), span);
    return new SentrySpanHandle(ids, span, transaction, transaction ? start.scope() : null, live, scrubbing, delivery);
  }

  private SpanContext assign(SpanContext parent) {
    String spanId = new SpanId().toString();
    if (parent.isValid()) {
      return SpanContext.create(parent.traceId(), spanId, parent.traceFlags(), parent.traceState());
    }
    boolean sampled = sampleRate >= 1.0 || (sampleRate > 0.0 && ThreadLocalRandom.current().nextDouble() < sampleRate);
    // Sentry ids are random UUIDs: the W3C Level 2 random flag says so downstream.
    return SpanContext.create(new SentryId().toString(), spanId,
        (byte) ((sampled ? SpanContext.FLAG_SAMPLED : 0) | SpanContext.FLAG_RANDOM), "");
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

  /** Forgets every open span (the backend is closing). */
  void clear() {
    live.clear();
  }

  /**
   * Span id to open Sentry span, oldest first, bounded. One lock: every operation is a map
   * operation of a few nanoseconds, and nothing calls into Sentry while holding it.
   */
  static final class OpenSpans {
    private final SelfMetrics selfMetrics;
    private final LinkedHashMap<String, ISpan> spans;

    OpenSpans(int max, SelfMetrics selfMetrics) {
      this.selfMetrics = selfMetrics;
      this.spans = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ISpan> eldest) {
          if (size() > max) {
            selfMetrics.increment(OPEN_SPAN_LIMIT_KEY);
            return true;
          }
          return false;
        }
      };
    }

    synchronized ISpan get(String spanId) {
      return spans.get(spanId);
    }

    synchronized void put(String spanId, ISpan span) {
      spans.put(spanId, span);
    }

    synchronized void remove(String spanId, ISpan span) {
      spans.remove(spanId, span);
    }

    /** Forgets a finished transaction and all its children, ended or not. */
    void forgetTransaction(ITransaction transaction) {
      // Read outside the lock: Sentry's own copy-on-write list of the transaction's children.
      java.util.List<Span> children = transaction.getSpans();
      synchronized (this) {
        spans.remove(transaction.getSpanContext().getSpanId().toString(), transaction);
        for (Span child : children) {
          spans.remove(child.getSpanId().toString(), child);
        }
      }
    }

    synchronized int size() {
      return spans.size();
    }

    synchronized void clear() {
      spans.clear();
    }
  }
}
