package dev.obskit.testkit.internal;

import dev.obskit.api.LogRecord;
import dev.obskit.api.spi.LogSink;

/** Keeps log records as the core handed them over (guarded, scrubbed, with their span). */
final class MemoryLogSink implements LogSink {
  private final MemoryStore store;
  private final MemoryBackend backend;

  MemoryLogSink(MemoryStore store, MemoryBackend backend) {
    this.store = store;
    this.backend = backend;
  }

  @Override
  public void emit(LogRecord record) {
    if (record != null && backend.accept()) {
      store.addLog(record);
    }
  }
}
