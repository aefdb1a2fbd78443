package dev.obskit.backend.sentry;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects java.util.logging records (System.Logger's default) of one logger and its children. */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (records) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LogCapture(String name) {
    logger = Logger.getLogger(name);
    previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Formatted lines, "LEVEL message". */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    synchronized (records) {
      for (LogRecord r : records) {
        String msg = r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
          msg = java.text.MessageFormat.format(msg, r.getParameters());
        }
        out.add(r.getLevel() + " " + msg + (r.getThrown() == null ? "" : " " + r.getThrown()));
      }
    }
    return out;
  }

  /** Lines at WARNING or above. */
  List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (String l : lines()) {
      if (l.startsWith("WARNING") || l.startsWith("SEVERE")) {
        out.add(l);
      }
    }
    return out;
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previous);
  }
}
