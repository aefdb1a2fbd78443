package dev.obskit.backend.sentry.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.LogSink;
import io.sentry.IScopes;
import io.sentry.ISentryClient;
import io.sentry.SentryAttributeType;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogLevel;
import io.sentry.SentryOptions;
import io.sentry.SpanId;
import io.sentry.protocol.SdkVersion;
import io.sentry.protocol.SentryId;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends obskit log records as Sentry Logs ({@code logs.enabled}): the client batches them into
 * {@code log} envelope items. Each record keeps the trace and span id of the span it was made in,
 * whatever backend assigned them; this is why the records are built here rather than through
 * {@code scopes.logger()}, which takes the trace from the scope current on the calling thread. The
 * attributes Sentry's logger adds ({@code sentry.sdk.*}, {@code sentry.environment}, {@code
 * sentry.release}, {@code server.address}) are added here too.
 */
final class SentryLogSink implements LogSink {
  static final String ORIGIN = "auto.log.obskit";

  private final ISentryClient client;
  private final IScopes scopes;
  private final Map<String, SentryLogEventAttributeValue> fixed;
  private final Delivery delivery;

  SentryLogSink(ISentryClient client, IScopes scopes, SentryOptions options, Delivery delivery) {
    this.client = client;
    this.scopes = scopes;
    this.delivery = delivery;
    Map<String, SentryLogEventAttributeValue> f = new HashMap<>();
    SdkVersion sdk = options.getSdkVersion();
    if (sdk != null) {
      f.put("sentry.sdk.name", string(sdk.getName()));
      f.put("sentry.sdk.version", string(sdk.getVersion()));
    }
    f.put("sentry.environment", string(options.getEnvironment() != null ? options.getEnvironment() : "production"));
    if (options.getRelease() != null) {
      f.put("sentry.release", string(options.getRelease()));
    }
    if (options.getServerName() != null) {
      f.put("server.address", string(options.getServerName()));
    }
    f.put("sentry.origin", string(ORIGIN));
    this.fixed = Map.copyOf(f);
  }

  @Override
  public void emit(LogRecord record) {
    SpanContext sc = record.spanContext();
    // Without a span: the trace of the backend's scope, as Sentry's own logger does.
    SentryId traceId = sc.isValid() ? new SentryId(sc.traceId())
        : scopes.getScope().getPropagationContext().getTraceId();
    SentryLogLevel level = level(record.level());
    SentryLogEvent event = new SentryLogEvent(traceId, record.epochMillis() / 1000.0, record.message(), level);
    if (sc.isValid()) {
      event.setSpanId(new SpanId(sc.spanId()));
    }
    event.setSeverityNumber(level.getSeverityNumber());
    Map<String, SentryLogEventAttributeValue> attributes = new HashMap<>(fixed.size() + record.attributes().size() + 4);
    attributes.putAll(fixed);
    record.attributes().forEach((k, v) -> attributes.put(k, value(v)));
    if (!record.loggerName().isEmpty()) {
      attributes.put("logger.name", string(record.loggerName()));
    }
    if (!record.threadName().isEmpty()) {
      attributes.put("thread.name", string(record.threadName()));
    }
    Throwable t = record.throwable();
    if (t != null) {
      attributes.put("exception.type", string(t.getClass().getName()));
      if (t.getMessage() != null) {
        attributes.put("exception.message", string(t.getMessage()));
      }
    }
    event.setAttributes(attributes);
    delivery.attempted(Delivery.LOGS);
    client.captureLog(event, null);
  }

  private static SentryLogEventAttributeValue string(String s) {
    return new SentryLogEventAttributeValue(SentryAttributeType.STRING, s);
  }

  private static SentryLogEventAttributeValue value(Object v) {
    if (v instanceof Boolean) {
      return new SentryLogEventAttributeValue(SentryAttributeType.BOOLEAN, v);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return new SentryLogEventAttributeValue(SentryAttributeType.INTEGER, ((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return new SentryLogEventAttributeValue(SentryAttributeType.DOUBLE, ((Number) v).doubleValue());
    }
    return string(String.valueOf(v));
  }

  static SentryLogLevel level(LogLevel level) {
    switch (level) {
      case TRACE:
        return SentryLogLevel.TRACE;
      case DEBUG:
        return SentryLogLevel.DEBUG;
      case INFO:
        return SentryLogLevel.INFO;
      case WARN:
        return SentryLogLevel.WARN;
      case ERROR:
        return SentryLogLevel.ERROR;
      default:
        return SentryLogLevel.FATAL;
    }
  }
}
