package dev.obskit.adversarial;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Every JUL record (the SDK's System.Logger, the JDK HTTP server, exporters) while open. */
final class LogRecords extends Handler implements AutoCloseable {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");

  LogRecords() {
    setLevel(Level.ALL);
    root.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  List<String> messages(Level atLeast) {
    return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue())
        .map(r -> r.getLoggerName() + ": " + r.getMessage()
            + (r.getThrown() == null ? "" : " [" + r.getThrown() + "]"))
        .collect(Collectors.toList());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}
