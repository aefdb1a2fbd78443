package dev.obskit.backend.otel.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.LogSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Emits obskit log records through the OpenTelemetry logs SDK, as OpenTelemetry's own logging
 * appenders do: the logger name is the instrumentation scope, the level the severity, the message
 * the body, the span the record was made in its trace and span ids (whatever backend assigned
 * them), and the exception {@code exception.type}, {@code exception.message} and {@code
 * exception.stacktrace}.
 */
final class OtelLogSink implements LogSink {
  /** Distinct logger names given their own scope (and attribute names given a kept key). */
  private static final int MAX_SCOPES = 1000;
  private static final int MAX_STACKTRACE_CHARS = 16_384;
  private static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  private static final AttributeKey<String> LOGGER_NAME = AttributeKey.stringKey("logger.name");
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private final LoggerProvider provider;
  private final Logger fallback;
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final Map<String, AttributeKey<String>> stringKeys = new ConcurrentHashMap<>();

  OtelLogSink(LoggerProvider provider) {
    this.provider = provider;
    this.fallback = provider.get(OtelBackend.SCOPE);
  }

  @Override
  public void emit(LogRecord record) {
    Logger logger = logger(record.loggerName());
    LogRecordBuilder b = logger.logRecordBuilder()
        .setTimestamp(record.epochMillis(), TimeUnit.MILLISECONDS)
        .setSeverity(severity(record.level()))
        .setSeverityText(record.level().name())
        .setBody(record.message())
        .setContext(context(record.spanContext()));
    record.attributes().forEach((k, v) -> put(b, k, v));
    if (!record.threadName().isEmpty()) {
      b.setAttribute(THREAD_NAME, record.threadName());
    }
    if (logger == fallback && !record.loggerName().isEmpty()) {
      b.setAttribute(LOGGER_NAME, record.loggerName());
    }
    Throwable t = record.throwable();
    if (t != null) {
      b.setAttribute(EXCEPTION_TYPE, t.getClass().getName());
      if (t.getMessage() != null) {
        b.setAttribute(EXCEPTION_MESSAGE, t.getMessage());
      }
      b.setAttribute(EXCEPTION_STACKTRACE, stackTrace(t));
    }
    b.emit();
  }

  private Logger logger(String name) {
    if (name.isEmpty()) {
      return fallback;
    }
    Logger l = loggers.get(name);
    if (l == null) {
      if (loggers.size() >= MAX_SCOPES) {
        return fallback;
      }
      l = loggers.computeIfAbsent(name, provider::get);
    }
    return l;
  }

  /* The record's span, not the OTel Context current on this thread: the span may come from another
   * primary backend, or from the logging thread of an async appender. */
  private static Context context(SpanContext sc) {
    if (!sc.isValid()) {
      return Context.root();
    }
    // The usual case with otel as the primary and a synchronous appender: the record's span is
    // the one current in the OTel Context, whose ids need no second conversion and check.
    Context current = Context.current();
    io.opentelemetry.api.trace.SpanContext otel = Span.fromContext(current).getSpanContext();
    if (otel.isValid() && otel.getSpanId().equals(sc.spanId()) && otel.getTraceId().equals(sc.traceId())) {
      return current;
    }
    return Context.root().with(Span.wrap(io.opentelemetry.api.trace.SpanContext.create(sc.traceId(), sc.spanId(),
        sc.isSampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
  }

  /* Attributes go straight into the record (no intermediate Attributes). String keys repeat (MDC
   * keys), so their AttributeKey is kept, for a bounded number of names. */
  private void put(LogRecordBuilder b, String key, Object v) {
    if (v instanceof String s) {
      b.setAttribute(stringKey(key), s);
    } else if (v instanceof Boolean bool) {
      b.setAttribute(AttributeKey.booleanKey(key), bool);
    } else if (v instanceof Double || v instanceof Float) {
      b.setAttribute(AttributeKey.doubleKey(key), ((Number) v).doubleValue());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      b.setAttribute(AttributeKey.longKey(key), ((Number) v).longValue());
    } else if (v != null) {
      b.setAttribute(stringKey(key), String.valueOf(v));
    }
  }

  private AttributeKey<String> stringKey(String name) {
    AttributeKey<String> k = stringKeys.get(name);
    if (k == null) {
      k = AttributeKey.stringKey(name);
      if (stringKeys.size() < MAX_SCOPES) {
        stringKeys.putIfAbsent(name, k);
      }
    }
    return k;
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter(1024);
    t.printStackTrace(new PrintWriter(out));
    String s = out.toString();
    return s.length() <= MAX_STACKTRACE_CHARS ? s : s.substring(0, MAX_STACKTRACE_CHARS);
  }

  static Severity severity(LogLevel level) {
    switch (level) {
      case TRACE:
        return Severity.TRACE;
      case DEBUG:
        return Severity.DEBUG;
      case INFO:
        return Severity.INFO;
      case WARN:
        return Severity.WARN;
      case ERROR:
        return Severity.ERROR;
      default:
        return Severity.FATAL;
    }
  }
}
