package dev.obskit.api.spi;

import dev.obskit.api.LogRecord;

/**
 * Receives log records ({@code routing.logs}). The core has already applied the level threshold,
 * the rate budget, the size limits and scrubbing, and set the record's span context (invalid
 * when no span was current) and time. Must not block on I/O: queue and send in the background.
 */
public interface LogSink {
  /** Takes one record. */
  void emit(LogRecord record);

  /** A sink that drops everything. */
  static LogSink noop() {
    return record -> {};
  }
}
