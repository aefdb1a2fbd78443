package dev.obskit.backend.console.internal;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.LogSink;

/**
 * Prints each log record as one line: time, level, logger, message, attributes, the exception's
 * type and message, and the trace and span ids of the span it was made in.
 */
public final class ConsoleLogSink implements LogSink {
  private final ConsoleOutput output;
  private final Style style;

  public ConsoleLogSink(ConsoleOutput output, Style style) {
    this.output = output;
    this.style = style;
  }

  @Override
  public void emit(LogRecord record) {
    try {
      output.write(render(record));
    } catch (RuntimeException e) {
      // A toString() of an attribute value may throw; the application must not notice.
      output.write("LOG " + record.level() + " (could not render: " + e + ")" + System.lineSeparator());
    }
  }

  String render(LogRecord record) {
    StringBuilder sb = new StringBuilder(160);
    String level = Format.padRight(record.level().name(), 7);
    sb.append(style.dim(Format.time(record.epochMillis()))).append(' ')
        .append(record.level().isAtLeast(LogLevel.ERROR) ? style.boldRed(level)
            : record.level() == LogLevel.WARN ? style.yellow(level) : level)
        .append(' ');
    if (!record.loggerName().isEmpty()) {
      sb.append(style.dim(record.loggerName())).append(' ');
    }
    sb.append(record.message());
    if (!record.attributes().isEmpty()) {
      sb.append(' ').append(Format.compact(record.attributes()));
    }
    Throwable t = record.throwable();
    if (t != null) {
      sb.append(' ').append(t.getClass().getName());
      if (t.getMessage() != null) {
        sb.append(": ").append(Format.truncate(t.getMessage()));
      }
    }
    SpanContext sc = record.spanContext();
    if (sc.isValid()) {
      sb.append(style.dim("  trace=" + sc.traceId() + " span=" + sc.spanId()));
    }
    return sb.append(System.lineSeparator()).toString();
  }
}
