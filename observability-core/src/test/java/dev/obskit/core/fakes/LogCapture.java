package dev.obskit.core.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what the SDK logs under {@code dev.obskit} (System.Logger goes to java.util.logging
 * by default). Close it to detach.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.obskit");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Level previous;

  public LogCapture() {
    previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  public List<String> warnings() {
    return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogCapture::text).collect(Collectors.toList());
  }

  public List<String> infos() {
    return records.stream().filter(r -> r.getLevel() == Level.INFO).map(LogCapture::text).collect(Collectors.toList());
  }

  private static String text(LogRecord r) {
    return r.getMessage() + (r.getThrown() != null ? " | " + r.getThrown() : "");
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
