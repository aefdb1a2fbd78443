package dev.obskit.backend.console.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.SpanClock;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Buffers finished spans per trace until their local root ends, then prints the root's tree on
 * the thread that ended it. A local root is a span without a parent or with a remote parent.
 *
 * <p>Buffers are bounded: at most {@code max_spans_per_trace} finished spans wait per trace and
 * at most {@code max_open_traces} traces wait at once. Spans beyond either bound are dropped,
 * counted as {@code console.dropped_spans} and mentioned in the next printed tree. Spans still
 * waiting at close (their root never ended here) are printed as incomplete trees.
 */
public final class ConsoleSpanSink implements SpanSink {
  /** Self-metric key for spans dropped because a buffer was full. */
  public static final String DROPPED_SPANS = "console.dropped_spans";

  private final boolean primary;
  private final int maxSpansPerTrace;
  private final int maxOpenTraces;
  private final ConsoleOutput output;
  private final TraceRenderer renderer;
  private final SelfMetrics selfMetrics;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}; insertion order = age, so the oldest traces print first at close. */
  private final Map<String, PendingTrace> pending = new LinkedHashMap<>();
  /** Guarded by {@link #lock}: spans dropped because too many traces were open, not yet reported. */
  private long unreportedOpenTraceDrops;

  public ConsoleSpanSink(boolean primary, int maxSpansPerTrace, int maxOpenTraces, ConsoleOutput output,
      TraceRenderer renderer, SelfMetrics selfMetrics) {
    this.primary = primary;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.maxOpenTraces = maxOpenTraces;
    this.output = output;
    this.renderer = renderer;
    this.selfMetrics = selfMetrics;
  }

  @Override
  public SpanHandle start(SpanStart start) {
    SpanContext context = identity(start);
    if (!context.isSampled()) {
      return SpanHandle.noop(context);
    }
    long startNanos = start.startEpochNanos().orElseGet(SpanClock::nowEpochNanos);
    SpanRecord record = new SpanRecord(start.name(), context, start.parent(), start.kind(), startNanos, start.links(),
        start.attributes());
    return new ConsoleSpanHandle(record, this);
  }

  /** A mirror reuses the primary's ids; a primary continues the parent's trace or starts one. */
  private SpanContext identity(SpanStart start) {
    SpanContext assigned = start.assignedContext();
    if (!primary && assigned.isValid()) {
      return assigned;
    }
    SpanContext parent = start.parent();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (parent.isValid()) {
      return SpanContext.create(parent.traceId(), randomSpanId(random), parent.traceFlags(), parent.traceState());
    }
    return SpanContext.create(randomTraceId(random), randomSpanId(random),
        (byte) (SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM), "");
  }

  static String randomTraceId(ThreadLocalRandom random) {
    long hi;
    long lo;
    do {
      hi = random.nextLong();
      lo = random.nextLong();
    } while (hi == 0 && lo == 0);
    return hex16(hi) + hex16(lo);
  }

  static String randomSpanId(ThreadLocalRandom random) {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return hex16(id);
  }

  private static String hex16(long v) {
    String s = Long.toHexString(v);
    return "0000000000000000".substring(s.length()) + s;
  }

  /** Called once per recording span when it ends. */
  void onEnd(SpanRecord record) {
    List<SpanRecord> tree = null;
    int droppedInTrace = 0;
    long openTraceDrops = 0;
    String traceId = record.context.traceId();
    synchronized (lock) {
      PendingTrace trace = pending.get(traceId);
      if (record.isLocalRoot()) {
        tree = new ArrayList<>();
        tree.add(record);
        if (trace != null) {
          droppedInTrace = trace.takeSubtree(record, tree);
          if (trace.spans.isEmpty()) {
            pending.remove(traceId);
          }
        }
        openTraceDrops = unreportedOpenTraceDrops;
        unreportedOpenTraceDrops = 0;
      } else {
        if (trace == null) {
          if (pending.size() >= maxOpenTraces) {
            unreportedOpenTraceDrops++;
            selfMetrics.increment(DROPPED_SPANS);
            return;
          }
          trace = new PendingTrace();
          pending.put(traceId, trace);
        }
        if (trace.spans.size() >= maxSpansPerTrace) {
          trace.dropped++;
          selfMetrics.increment(DROPPED_SPANS);
          return;
        }
        trace.spans.add(record);
        return;
      }
    }
    try {
      output.write(renderer.render(tree, false, notes(droppedInTrace, openTraceDrops)));
    } catch (RuntimeException e) {
      // An attribute's toString() cannot throw (primitives and strings only), but the end of a
      // span must never fail the application whatever happens here.
      output.write("TRACE " + traceId + " (could not render: " + e + ")" + System.lineSeparator());
    }
  }

  private String notes(int droppedInTrace, long openTraceDrops) {
    StringBuilder sb = new StringBuilder();
    if (droppedInTrace > 0) {
      sb.append(droppedInTrace).append(" span(s) of this trace dropped: more than max_spans_per_trace=")
          .append(maxSpansPerTrace).append(" waited for their root");
    }
    if (openTraceDrops > 0) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(openTraceDrops).append(" span(s) dropped earlier: more than max_open_traces=").append(maxOpenTraces)
          .append(" traces waited for their root");
    }
    return sb.toString();
  }

  /** Prints every trace still waiting for its root, marked incomplete; used at close. */
  public void printPending() {
    List<PendingTrace> traces;
    long openTraceDrops;
    synchronized (lock) {
      traces = new ArrayList<>(pending.values());
      pending.clear();
      openTraceDrops = unreportedOpenTraceDrops;
      unreportedOpenTraceDrops = 0;
    }
    for (PendingTrace t : traces) {
      output.write(renderer.render(t.spans, true, notes(t.dropped, 0)));
    }
    if (openTraceDrops > 0) {
      output.write("console: " + notes(0, openTraceDrops) + System.lineSeparator());
    }
  }

  /** Finished spans of one trace whose local root has not ended yet. */
  private static final class PendingTrace {
    final List<SpanRecord> spans = new ArrayList<>();
    int dropped;

    /**
     * Moves the descendants of {@code root} into {@code out}; returns the drop count to report
     * with this tree (all of it: the drops cannot be attributed to one root).
     */
    int takeSubtree(SpanRecord root, List<SpanRecord> out) {
      Map<String, List<SpanRecord>> children = new HashMap<>();
      for (SpanRecord s : spans) {
        children.computeIfAbsent(s.parent.spanId(), k -> new ArrayList<>()).add(s);
      }
      Set<SpanRecord> taken = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>();
      todo.add(root.context.spanId());
      while (!todo.isEmpty()) {
        for (SpanRecord child : children.getOrDefault(todo.poll(), List.of())) {
          if (taken.add(child)) {
            out.add(child);
            todo.add(child.context.spanId());
          }
        }
      }
      for (Iterator<SpanRecord> it = spans.iterator(); it.hasNext();) {
        if (taken.contains(it.next())) {
          it.remove();
        }
      }
      int d = dropped;
      dropped = 0;
      return d;
    }
  }
}
