package dev.obskit.core.internal.logs;

import dev.obskit.api.LogRecord;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.SinkFailures;
import java.util.Map;

/** Delivers log records to every routed log sink, each call isolated: one backend's bug reaches no one. */
final class FanOutLogSink implements LogSink {
  private final String[] backends;
  private final LogSink[] sinks;
  private final SinkFailures failures;

  private FanOutLogSink(Map<String, LogSink> sinks, SinkFailures failures) {
    this.backends = sinks.keySet().toArray(new String[0]);
    this.sinks = sinks.values().toArray(new LogSink[0]);
    this.failures = failures;
  }

  static LogSink of(Map<String, LogSink> sinks, SinkFailures failures) {
    if (sinks.isEmpty()) {
      return LogSink.noop();
    }
    if (sinks.size() == 1) {
      Map.Entry<String, LogSink> e = sinks.entrySet().iterator().next();
      String backend = e.getKey();
      LogSink sink = e.getValue();
      return record -> {
        try {
          sink.emit(record);
        } catch (Throwable t) {
          failures.failed(backend, Signal.LOGS, t);
        }
      };
    }
    return new FanOutLogSink(sinks, failures);
  }

  @Override
  public void emit(LogRecord record) {
    for (int i = 0; i < sinks.length; i++) {
      try {
        sinks[i].emit(record);
      } catch (Throwable t) {
        failures.failed(backends[i], Signal.LOGS, t);
      }
    }
  }
}
