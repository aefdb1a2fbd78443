package dev.obskit.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SpanContext;
import dev.obskit.logging.LogForwarder;
import dev.obskit.logging.TraceContextKeys;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * Sends Logback events to obskit: each event becomes a log record ({@code routing.logs}), an
 * ERROR with an exception also becomes a captured error ({@code routing.errors}; the MDC as
 * context, the logger name as the {@code logger} tag), and with {@code breadcrumbs} on the other
 * events become breadcrumbs. It also installs a {@link TraceContextMdcFilter}, so every appender's
 * events carry the current span's ids in the MDC. The two lines in {@code logback.xml}:
 *
 * <pre>{@code
 * <appender name="OBSKIT" class="dev.obskit.logback.ObskitAppender"/>
 * <root level="INFO"><appender-ref ref="OBSKIT"/></root>
 * }</pre>
 *
 * <p>The SDK is found through {@link dev.obskit.logging.ObskitLogging}: {@code
 * ObskitLogging.install(obs)} or a globally registered instance. Until one exists events are
 * buffered ({@code bufferSize}, default 1000) and the excess is counted. The span of a record is
 * the one in the event's MDC (read on the logging thread, so also right behind an {@code
 * AsyncAppender}), else the span current when the appender runs. Events of obskit's own loggers
 * and of the OpenTelemetry and Sentry SDKs are skipped, so that an export failure cannot feed
 * itself.
 */
public class ObskitAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** Per thread, the span context parsed last from an event's MDC. */
  private static final ThreadLocal<SpanContext[]> LAST_PARSED = ThreadLocal.withInitial(() -> new SpanContext[1]);

  private boolean captureErrors = true;
  private boolean breadcrumbs;
  private String breadcrumbLevel = "INFO";
  private int bufferSize = 1000;
  private boolean mdc = true;
  private String traceIdKey = TraceContextKeys.DEFAULT.traceId();
  private String spanIdKey = TraceContextKeys.DEFAULT.spanId();
  private String traceFlagsKey = TraceContextKeys.DEFAULT.traceFlags();
  private TraceContextKeys keys = TraceContextKeys.DEFAULT;
  private LogForwarder forwarder;

  /** Whether ERROR events with an exception become captured errors (default true). */
  public void setCaptureErrors(boolean captureErrors) {
    this.captureErrors = captureErrors;
  }

  /** Whether the other events become breadcrumbs, events named {@code log} (default false). */
  public void setBreadcrumbs(boolean breadcrumbs) {
    this.breadcrumbs = breadcrumbs;
  }

  /** The least severe level that becomes a breadcrumb (default INFO). */
  public void setBreadcrumbLevel(String level) {
    this.breadcrumbLevel = level;
  }

  /** Events kept until the SDK exists (default 1000); the excess is counted. */
  public void setBufferSize(int bufferSize) {
    this.bufferSize = bufferSize;
  }

  /** Whether to install the {@link TraceContextMdcFilter} (default true). */
  public void setMdc(boolean mdc) {
    this.mdc = mdc;
  }

  /** The MDC key of the trace id (default {@code trace_id}). */
  public void setTraceIdKey(String key) {
    this.traceIdKey = key;
  }

  /** The MDC key of the span id (default {@code span_id}). */
  public void setSpanIdKey(String key) {
    this.spanIdKey = key;
  }

  /** The MDC key of the trace flags (default {@code trace_flags}). */
  public void setTraceFlagsKey(String key) {
    this.traceFlagsKey = key;
  }

  @Override
  public void start() {
    LogLevel crumbs;
    try {
      keys = new TraceContextKeys(traceIdKey, spanIdKey, traceFlagsKey);
      crumbs = LogLevel.valueOf(breadcrumbLevel.trim().toUpperCase(Locale.ROOT).replace("WARNING", "WARN"));
    } catch (RuntimeException e) {
      addError("obskit appender '" + getName() + "' is not started: " + e.getMessage()
          + " (breadcrumbLevel is one of TRACE, DEBUG, INFO, WARN, ERROR)");
      return;
    }
    forwarder = new LogForwarder("logback", captureErrors, breadcrumbs, crumbs, bufferSize, this::addWarn);
    forwarder.start();
    if (mdc && getContext() instanceof LoggerContext loggerContext) {
      installMdcFilter(loggerContext);
    }
    super.start();
  }

  private void installMdcFilter(LoggerContext loggerContext) {
    for (TurboFilter f : loggerContext.getTurboFilterList()) {
      if (f instanceof TraceContextMdcFilter existing) {
        if (!existing.keys().equals(keys)) {
          addWarn("obskit: a TraceContextMdcFilter with keys " + existing.keys() + " is already declared; "
              + "this appender reads those keys instead of " + keys);
          keys = existing.keys();
        }
        return;
      }
    }
    TraceContextMdcFilter filter = new TraceContextMdcFilter();
    filter.setContext(loggerContext);
    filter.setName("obskit-trace-context");
    filter.setTraceIdKey(keys.traceId());
    filter.setSpanIdKey(keys.spanId());
    filter.setTraceFlagsKey(keys.traceFlags());
    filter.start();
    loggerContext.addTurboFilter(filter);
  }

  @Override
  public void stop() {
    if (forwarder != null) {
      forwarder.stop();
    }
    super.stop();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (LogForwarder.isOwnLogger(event.getLoggerName())) {
      return;
    }
    LogRecord record;
    try {
      record = toRecord(event);
    } catch (RuntimeException e) {
      forwarder.unreadable(e);
      return;
    }
    forwarder.forward(record);
  }


  private LogRecord toRecord(ILoggingEvent event) {
    Map<String, String> mdcMap = event.getMDCPropertyMap();
    LogRecord.Builder b = LogRecord.builder(level(event.getLevel()), event.getFormattedMessage())
        .loggerName(event.getLoggerName())
        .threadName(event.getThreadName())
        .epochMillis(event.getTimeStamp());
    if (mdcMap != null && !mdcMap.isEmpty()) {
      String traceId = mdcMap.get(keys.traceId());
      int ours = 0;
      if (traceId != null) {
        b.spanContext(spanOf(mdcMap, traceId));
        // Only the keys actually present: the application's own MDC entries are attributes.
        ours = 1 + (mdcMap.containsKey(keys.spanId()) ? 1 : 0) + (mdcMap.containsKey(keys.traceFlags()) ? 1 : 0);
      }
      if (mdcMap.size() > ours) {
        mdcMap.forEach((k, v) -> {
          if (!keys.isKey(k)) {
            b.attribute(k, v);
          }
        });
      }
    }
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if (p != null) {
          b.attribute(p.key, p.value);
        }
      }
    }
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy instanceof ThrowableProxy tp) {
      b.throwable(tp.getThrowable());
    }
    return b.build();
  }

  /**
   * The span whose ids the event's MDC holds. The filter writes the very id strings of the span
   * it found current, so when they are the strings this thread parsed last, that context is
   * reused; otherwise (another span, ids written by other code) they are parsed and checked.
   */
  private SpanContext spanOf(Map<String, String> mdc, String traceId) {
    String spanId = mdc.get(keys.spanId());
    SpanContext[] last = LAST_PARSED.get();
    SpanContext cached = last[0];
    if (cached != null && cached.traceId() == traceId && cached.spanId() == spanId) {
      return cached;
    }
    SpanContext parsed = keys.read(mdc::get);
    if (parsed.isValid()) {
      // Keep the MDC's own strings, so that the identity check above hits next time.
      parsed = SpanContext.create(traceId, spanId, parsed.isSampled(), "");
      last[0] = parsed;
    }
    return parsed;
  }

  static LogLevel level(Level level) {
    if (level == null) {
      return LogLevel.INFO;
    }
    switch (level.levelInt) {
      case Level.ERROR_INT:
        return LogLevel.ERROR;
      case Level.WARN_INT:
        return LogLevel.WARN;
      case Level.INFO_INT:
        return LogLevel.INFO;
      case Level.DEBUG_INT:
        return LogLevel.DEBUG;
      default:
        return LogLevel.TRACE;
    }
  }
}
