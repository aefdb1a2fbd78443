package dev.obskit.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.spi.FilterReply;
import dev.obskit.api.Observability;
import dev.obskit.api.SpanContext;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.logging.TraceContextKeys;
import org.slf4j.Marker;
import org.slf4j.spi.MDCAdapter;

/**
 * Puts the current span's {@code trace_id}, {@code span_id} and {@code trace_flags} into the MDC
 * on the logging thread, just before Logback creates each event, so that every appender sees
 * them ({@code %X{trace_id}} in a pattern, JSON encoders, an {@code AsyncAppender}, which copies
 * the MDC on the logging thread). "Current" is what obskit says, whatever the primary trace
 * backend: a facade span, or with {@code otel} any OpenTelemetry span current in its Context.
 * Outside a span the keys are removed.
 *
 * <p>{@link ObskitAppender} installs one of these itself; declare it alone to get the ids in the
 * logs without sending logs to obskit:
 *
 * <pre>{@code
 * <turboFilter class="dev.obskit.logback.TraceContextMdcFilter"/>
 * }</pre>
 *
 * <p>The MDC keeps the last values until the thread's next log call outside a span; code that
 * copies the MDC by hand in between copies them too. Logging itself always sees the right ids.
 * Disabled log calls cost a level comparison and nothing else.
 */
public class TraceContextMdcFilter extends TurboFilter {
  private TraceContextKeys keys = TraceContextKeys.DEFAULT;
  /** Per thread: the span and the MDC map (Logback's read-only copy) seen at the last update. */
  private final ThreadLocal<Object[]> lastSeen = ThreadLocal.withInitial(() -> new Object[2]);
  private String traceIdKey = keys.traceId();
  private String spanIdKey = keys.spanId();
  private String traceFlagsKey = keys.traceFlags();

  /** The MDC key of the trace id (default {@code trace_id}). */
  public void setTraceIdKey(String key) {
    this.traceIdKey = key;
  }

  /** The MDC key of the span id (default {@code span_id}). */
  public void setSpanIdKey(String key) {
    this.spanIdKey = key;
  }

  /** The MDC key of the trace flags (default {@code trace_flags}: {@code 01} sampled, {@code 00} not). */
  public void setTraceFlagsKey(String key) {
    this.traceFlagsKey = key;
  }

  /** The keys in use. */
  public TraceContextKeys keys() {
    return keys;
  }

  @Override
  public void start() {
    try {
      keys = new TraceContextKeys(traceIdKey, spanIdKey, traceFlagsKey);
    } catch (IllegalArgumentException e) {
      addError("obskit: " + e.getMessage() + "; the filter is not started");
      return;
    }
    super.start();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (!isStarted() || logger == null || level == null || level.levelInt < logger.getEffectiveLevel().levelInt) {
      return FilterReply.NEUTRAL;
    }
    try {
      Observability obs = ObskitLogging.current();
      if (obs == null) {
        return FilterReply.NEUTRAL;
      }
      MDCAdapter mdc = logger.getLoggerContext().getMDCAdapter();
      SpanContext current = obs.currentSpan().context();
      if (!unchanged(mdc, current)) {
        update(mdc, current);
        remember(mdc, current);
      }
    } catch (RuntimeException e) {
      // Never let correlation break logging; the event goes on without the ids.
    }
    return FilterReply.NEUTRAL;
  }

  /*
   * Logback hands out its MDC map afresh after every change; the same map and the same span as at
   * this thread's previous call mean there is nothing to write (the usual case: several lines in
   * one span).
   */
  private boolean unchanged(MDCAdapter mdc, SpanContext current) {
    if (!(mdc instanceof LogbackMDCAdapter logback)) {
      return false;
    }
    Object[] last = lastSeen.get();
    return last[0] == current && last[1] != null && last[1] == logback.getPropertyMap();
  }

  private void remember(MDCAdapter mdc, SpanContext current) {
    if (mdc instanceof LogbackMDCAdapter logback) {
      Object[] last = lastSeen.get();
      last[0] = current;
      last[1] = logback.getPropertyMap();
    }
  }

  private void update(MDCAdapter mdc, SpanContext current) {
    TraceContextKeys k = keys;
    if (current.isValid()) {
      putIfChanged(mdc, k.traceId(), current.traceId());
      putIfChanged(mdc, k.spanId(), current.spanId());
      putIfChanged(mdc, k.traceFlags(), TraceContextKeys.flags(current));
    } else if (mdc.get(k.traceId()) != null) {
      mdc.remove(k.traceId());
      mdc.remove(k.spanId());
      mdc.remove(k.traceFlags());
    }
  }

  /* Logback copies the MDC map again after every change: unchanged ids are not written. */
  private static void putIfChanged(MDCAdapter mdc, String key, String value) {
    if (!value.equals(mdc.get(key))) {
      mdc.put(key, value);
    }
  }
}
