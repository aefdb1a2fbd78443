package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.ForeignSpanListener;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanStart;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the core about spans that other instrumentation started on this SDK (raw OTel API code,
 * library instrumentation using the global), so that mirrors such as Sentry receive them too
 * ({@code traces: both}). Facade spans are skipped: the core already fans those out.
 *
 * <p>Also guarantees the tracer provider has at least one processor: OTel SDK 1.67+ hands out a
 * no-op tracer (all-zero ids) when none is registered, which would break {@code exporter: none}.
 */
final class ForeignSpanProcessor implements SpanProcessor {
  /**
   * Open foreign spans remembered at most. A span that is never ended (a library bug) would
   * otherwise be kept forever with its mirror (about 2.5 KB each); beyond the bound the oldest is
   * forgotten and counted ({@value #OPEN_LIMIT_KEY}): its end, if it ever comes, is not mirrored.
   * The same bound as the Sentry backend's open spans.
   */
  static final int MAX_OPEN_FOREIGN_SPANS = 10_000;
  /** Self-metric: open foreign spans forgotten at {@link #MAX_OPEN_FOREIGN_SPANS}. */
  static final String OPEN_LIMIT_KEY = "otel.dropped.open_foreign_span_limit";

  private final System.Logger logger;
  private final SelfMetrics selfMetrics;
  private final int maxOpen;
  private volatile ForeignSpanListener listener;
  /**
   * Open foreign spans and the handle their end is forwarded to, oldest first (SDK spans do not
   * override equals: identity keys). One lock: each operation is one map operation.
   */
  private final LinkedHashMap<ReadableSpan, SpanHandle> open;
  /** open.size(), readable without the lock (the common "none open" check on every span end). */
  private volatile int openCount;

  ForeignSpanProcessor(System.Logger logger, SelfMetrics selfMetrics) {
    this(logger, selfMetrics, MAX_OPEN_FOREIGN_SPANS);
  }

  ForeignSpanProcessor(System.Logger logger, SelfMetrics selfMetrics, int maxOpen) {
    this.logger = logger;
    this.selfMetrics = selfMetrics;
    this.maxOpen = maxOpen;
    this.open = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ReadableSpan, SpanHandle> eldest) {
        if (size() > ForeignSpanProcessor.this.maxOpen) {
          ForeignSpanProcessor.this.selfMetrics.increment(OPEN_LIMIT_KEY);
          return true;
        }
        return false;
      }
    };
  }

  void setListener(ForeignSpanListener listener) {
    this.listener = listener;
  }

  /** Whether a listener (the core, when mirrors are configured) wants foreign spans. */
  boolean hasListener() {
    return listener != null;
  }

  /** Foreign spans started and not yet ended (for diagnostics and tests). */
  int openForeignSpans() {
    return openCount;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    ForeignSpanListener current = listener;
    if (current == null || StartInProgress.isFacadeStart()) {
      return;
    }
    try {
      SpanData data = span.toSpanData();
      SpanStart.Builder start = SpanStart.builder(span.getName())
          .kind(Contexts.toFacade(span.getKind()))
          .parent(Contexts.toFacade(span.getParentSpanContext()))
          .startEpochNanos(data.getStartEpochNanos())
          .assignedContext(Contexts.toFacade(span.getSpanContext()));
      for (LinkData link : data.getLinks()) {
        if (link.getSpanContext().isValid()) {
          start.link(Contexts.toFacade(link.getSpanContext()));
        }
      }
      toMap(data.getAttributes()).forEach(start::attribute);
      SpanHandle handle = current.onStart(start.build());
      if (handle != null) {
        synchronized (open) {
          open.put(span, handle);
          openCount = open.size();
        }
      }
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      // Instrumentation code must never see our failure.
      logger.log(System.Logger.Level.DEBUG, "obskit: mirroring a foreign span failed", e);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    // Usually no foreign span is open (facade-only applications): then skip the lookup, which
    // would compute the identity hash of every ended span (and store it in its header).
    if (openCount == 0) {
      return;
    }
    SpanHandle handle;
    synchronized (open) {
      handle = open.remove(span);
      openCount = open.size();
    }
    if (handle == null) {
      return;
    }
    try {
      SpanData data = span.toSpanData();
      toMap(data.getAttributes()).forEach((key, value) -> setAttribute(handle, key, value));
      for (EventData event : data.getEvents()) {
        handle.addEvent(event.getName(), toMap(event.getAttributes()), event.getEpochNanos());
      }
      switch (data.getStatus().getStatusCode()) {
        case OK:
          handle.setStatus(SpanStatus.OK, "");
          break;
        case ERROR:
          handle.setStatus(SpanStatus.ERROR, data.getStatus().getDescription());
          break;
        default:
          break;
      }
      handle.updateName(data.getName());
      handle.end(data.getEndEpochNanos());
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      logger.log(System.Logger.Level.DEBUG, "obskit: mirroring the end of a foreign span failed", e);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  private static void setAttribute(SpanHandle handle, String key, Object value) {
    if (value instanceof Long) {
      handle.setAttribute(key, (long) (Long) value);
    } else if (value instanceof Double) {
      handle.setAttribute(key, (double) (Double) value);
    } else if (value instanceof Boolean) {
      handle.setAttribute(key, (boolean) (Boolean) value);
    } else {
      handle.setAttribute(key, String.valueOf(value));
    }
  }

  /** String, Long, Double and Boolean values as the SPI expects; arrays become their text. */
  private static Map<String, Object> toMap(Attributes attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    attributes.forEach((AttributeKey<?> key, Object value) -> {
      switch (key.getType()) {
        case STRING:
        case LONG:
        case DOUBLE:
        case BOOLEAN:
          map.put(key.getKey(), value);
          break;
        default:
          map.put(key.getKey(), String.valueOf(value));
      }
    });
    return map;
  }
}
