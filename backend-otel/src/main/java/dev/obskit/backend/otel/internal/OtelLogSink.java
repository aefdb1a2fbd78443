package dev.obskit.backend.otel.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.LogSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Attributes;
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
  /** Distinct logger names given their own scope; beyond it records share the obskit scope. */
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
    if (!record.attributes().isEmpty() || !record.threadName().isEmpty() || record.throwable() != null
        || logger == fallback) {
      b.setAllAttributes(attributes(record, logger == fallback));
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
    return Context.root().with(Span.wrap(io.opentelemetry.api.trace.SpanContext.create(sc.traceId(), sc.spanId(),
        sc.isSampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
  }

  private static Attributes attributes(LogRecord record, boolean sharedScope) {
    AttributesBuilder a = Attributes.builder();
    record.attributes().forEach((k, v) -> put(a, k, v));
    if (!record.threadName().isEmpty()) {
      a.put(THREAD_NAME, record.threadName());
    }
    if (sharedScope && !record.loggerName().isEmpty()) {
      a.put(LOGGER_NAME, record.loggerName());
    }
    Throwable t = record.throwable();
    if (t != null) {
      a.put(EXCEPTION_TYPE, t.getClass().getName());
      if (t.getMessage() != null) {
        a.put(EXCEPTION_MESSAGE, t.getMessage());
      }
      a.put(EXCEPTION_STACKTRACE, stackTrace(t));
    }
    return a.build();
  }

  private static void put(AttributesBuilder a, String key, Object v) {
    if (v instanceof String s) {
      a.put(key, s);
    } else if (v instanceof Boolean bool) {
      a.put(key, bool);
    } else if (v instanceof Double || v instanceof Float) {
      a.put(key, ((Number) v).doubleValue());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      a.put(key, ((Number) v).longValue());
    } else if (v != null) {
      a.put(key, String.valueOf(v));
    }
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
