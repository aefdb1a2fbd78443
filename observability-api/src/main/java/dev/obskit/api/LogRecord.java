package dev.obskit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One log line for the logs signal ({@code routing.logs}): level, formatted message, logger and
 * thread names, attributes (the MDC, key-value pairs), an optional exception, the time it was
 * made and the span it was made in. Immutable.
 *
 * <p>The logging appenders ({@code integration-logback}, {@code integration-log4j2}) build these;
 * an application without a logging framework may call {@link Observability#log(LogRecord)}
 * itself. Where no span context is set, the SDK uses the span current on the calling thread.
 *
 * <pre>{@code
 * obs.log(LogRecord.builder(LogLevel.INFO, "question stored")
 *     .loggerName("pipeline.store").attribute("question_id", id).build());
 * }</pre>
 */
public final class LogRecord {
  private final LogLevel level;
  private final String message;
  private final String loggerName;
  private final String threadName;
  private final Map<String, Object> attributes;
  private final Throwable throwable;
  private final long epochMillis;
  private final SpanContext spanContext;

  private LogRecord(Builder b) {
    this.level = b.level;
    this.message = b.message;
    this.loggerName = b.loggerName;
    this.threadName = b.threadName;
    this.attributes = b.attributes == null ? Map.of() : Collections.unmodifiableMap(b.attributes);
    this.throwable = b.throwable;
    this.epochMillis = b.epochMillis;
    this.spanContext = b.spanContext;
  }

  /** A builder for a record at {@code level} with the formatted {@code message}. */
  public static Builder builder(LogLevel level, String message) {
    return new Builder(Objects.requireNonNull(level, "level"), message);
  }

  /** The severity. */
  public LogLevel level() {
    return level;
  }

  /** The formatted message; never null (empty when none was given). */
  public String message() {
    return message;
  }

  /** The logger's name, or empty. */
  public String loggerName() {
    return loggerName;
  }

  /** The name of the thread that logged, or empty. */
  public String threadName() {
    return threadName;
  }

  /** Attributes (MDC entries, key-value pairs), unmodifiable, in insertion order. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The exception logged with the line, or null. */
  public Throwable throwable() {
    return throwable;
  }

  /** When the line was made, in epoch milliseconds; 0 means "now" to the SDK. */
  public long epochMillis() {
    return epochMillis;
  }

  /**
   * The span the line was made in: as given by the caller (an appender reads it on the logging
   * thread), else, once through the SDK, the span current at the call; {@link
   * SpanContext#invalid()} for none.
   */
  public SpanContext spanContext() {
    return spanContext;
  }

  /** A builder holding this record's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(level, message).loggerName(loggerName).threadName(threadName).throwable(throwable)
        .epochMillis(epochMillis).spanContext(spanContext);
    if (!attributes.isEmpty()) {
      b.attributes = new LinkedHashMap<>(attributes);
    }
    return b;
  }

  @Override
  public String toString() {
    return level + " " + (loggerName.isEmpty() ? "" : loggerName + " ") + message
        + (attributes.isEmpty() ? "" : " " + attributes)
        + (throwable == null ? "" : " " + throwable)
        + (spanContext.isValid() ? " trace_id=" + spanContext.traceId() + " span_id=" + spanContext.spanId() : "");
  }

  /** Builds a {@link LogRecord}. Not thread-safe. */
  public static final class Builder {
    private final LogLevel level;
    private final String message;
    private String loggerName = "";
    private String threadName = "";
    private LinkedHashMap<String, Object> attributes;
    private Throwable throwable;
    private long epochMillis;
    private SpanContext spanContext = SpanContext.invalid();

    private Builder(LogLevel level, String message) {
      this.level = level;
      this.message = message == null ? "" : message;
    }

    /** The logger's name. */
    public Builder loggerName(String name) {
      this.loggerName = name == null ? "" : name;
      return this;
    }

    /** The logging thread's name. */
    public Builder threadName(String name) {
      this.threadName = name == null ? "" : name;
      return this;
    }

    /** Adds one attribute; a null key or value is ignored. */
    public Builder attribute(String key, Object value) {
      if (key != null && value != null) {
        if (attributes == null) {
          attributes = new LinkedHashMap<>();
        }
        attributes.put(key, value);
      }
      return this;
    }

    /** Adds every entry of {@code values} (null keys and values are ignored). */
    public Builder attributes(Map<String, ?> values) {
      if (values != null) {
        values.forEach(this::attribute);
      }
      return this;
    }

    /** The exception logged with the line. */
    public Builder throwable(Throwable throwable) {
      this.throwable = throwable;
      return this;
    }

    /** When the line was made (epoch milliseconds); 0 lets the SDK use the time of the call. */
    public Builder epochMillis(long epochMillis) {
      this.epochMillis = epochMillis;
      return this;
    }

    /** The span the line was made in; null or invalid lets the SDK use the current span. */
    public Builder spanContext(SpanContext spanContext) {
      this.spanContext = spanContext == null ? SpanContext.invalid() : spanContext;
      return this;
    }

    /** The record. */
    public LogRecord build() {
      return new LogRecord(this);
    }
  }
}
