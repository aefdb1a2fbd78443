package dev.obskit.logging;

import dev.obskit.api.Breadcrumb;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.Observability;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What an obskit appender does with one log event, whatever the logging framework: sends it to
 * the logs signal, turns an ERROR with an exception into a captured error (the attributes as
 * context, the logger name as the {@code logger} tag), and optionally turns lower levels into
 * breadcrumbs of the current scope ({@link Observability#addBreadcrumb}; they are not events). The
 * appender only converts the framework's event into a {@link LogRecord} on the logging thread.
 *
 * <p>Before the SDK exists (see {@link ObskitLogging}) records are kept, up to {@code bufferSize};
 * they are delivered when it appears, and the ones beyond the bound are counted in its
 * self-metrics as {@code <source>.dropped.before_start} and warned about. After the SDK is closed
 * the SDK counts them ({@code dropped.after_close}). An event logged on a thread that is already
 * forwarding one (a backend logging while it handles a record) is dropped and counted as {@code
 * <source>.dropped.reentrant}. Never throws into the logging framework.
 */
public final class LogForwarder {
  /** The category of log breadcrumbs. */
  public static final String BREADCRUMB_CATEGORY = "log";

  /*
   * A backend that logs while handling a record (an exporter reporting a failure through a
   * logger that ends in this appender) must not start another round on the same thread.
   */
  private static final String[] OWN_LOGGERS = {"dev.obskit.", "io.opentelemetry.", "io.sentry."};

  private static final ThreadLocal<boolean[]> FORWARDING = ThreadLocal.withInitial(() -> new boolean[1]);

  private final String source;
  private final boolean captureErrors;
  private final boolean breadcrumbs;
  private final LogLevel breadcrumbLevel;
  private final int bufferSize;
  private final Consumer<String> warn;
  private final ArrayDeque<LogRecord> pending = new ArrayDeque<>();
  private volatile boolean hasPending;
  private long overflow;
  /** The loss reasons already warned about: one line each, the counters say how many. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /**
   * A forwarder for one appender.
   *
   * @param source the framework, for self-metric keys ({@code logback}, {@code log4j2})
   * @param captureErrors whether ERROR and FATAL events with an exception become captured errors
   * @param breadcrumbs whether the other events at or above {@code breadcrumbLevel} become
   *     breadcrumbs (category {@value #BREADCRUMB_CATEGORY}, the log line as their message)
   * @param bufferSize records kept before the SDK exists (0 keeps none, all are counted)
   * @param warn the framework's own status logger, for problems of the appender itself
   */
  public LogForwarder(String source, boolean captureErrors, boolean breadcrumbs, LogLevel breadcrumbLevel,
      int bufferSize, Consumer<String> warn) {
    this.source = source;
    this.captureErrors = captureErrors;
    this.breadcrumbs = breadcrumbs;
    this.breadcrumbLevel = breadcrumbLevel == null ? LogLevel.INFO : breadcrumbLevel;
    this.bufferSize = Math.max(0, bufferSize);
    this.warn = warn;
  }

  /** Starts receiving the SDK when {@link ObskitLogging#install} is called. */
  public void start() {
    ObskitLogging.register(this);
  }

  /** Stops; records still buffered because no SDK ever appeared are reported through {@code warn}. */
  public void stop() {
    ObskitLogging.unregister(this);
    int left;
    long over;
    synchronized (pending) {
      left = pending.size();
      over = overflow;
      pending.clear();
      overflow = 0;
      hasPending = false;
    }
    if (left + over > 0) {
      warn.accept("obskit " + source + " appender stopped with " + (left + over)
          + " log events that never reached obskit: no Observability was installed or registered globally");
    }
  }

  /** Forwards one record (built on the logging thread); buffers it while no SDK exists. */
  public void forward(LogRecord record) {
    boolean[] forwarding = FORWARDING.get();
    if (forwarding[0]) {
      // A backend logging through this appender while it handles a record.
      dropped("reentrant", "dropped a log event made while it was forwarding another on the same thread");
      return;
    }
    forwarding[0] = true;
    try {
      Observability obs = ObskitLogging.current();
      if (obs == null) {
        buffer(record);
        return;
      }
      if (hasPending) {
        drainTo(obs);
      }
      deliver(obs, record);
    } catch (RuntimeException | LinkageError e) {
      // The SDK never throws; this is a bug in the conversion or a broken class path.
      dropped("forward_failure", "could not forward a log event (" + e + ")");
    } finally {
      forwarding[0] = false;
    }
  }

  /**
   * Whether events of {@code loggerName} are left out: the SDK's own loggers and those of the
   * SDKs behind it, whose lines about exporting telemetry would otherwise become telemetry again.
   */
  public static boolean isOwnLogger(String loggerName) {
    if (loggerName == null) {
      return false;
    }
    for (String prefix : OWN_LOGGERS) {
      if (loggerName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts an event the appender could not convert into a record (a broken message or argument
   * of the application's), as {@code <source>.dropped.unreadable}, and says so once.
   */
  public void unreadable(RuntimeException error) {
    dropped("unreadable", "could not read a log event (" + error + ")");
  }

  /**
   * Counts one lost event under {@code <source>.dropped.<reason>} and says so once per reason
   * through the framework's status logger, which does not log through the appender.
   */
  private void dropped(String reason, String what) {
    String key = source + ".dropped." + reason;
    Observability obs = ObskitLogging.current();
    if (obs != null) {
      obs.selfMetrics().increment(key);
    }
    if (warned.add(reason)) {
      warn.accept("obskit " + source + " appender " + what + "; this and later losses of this kind are counted as "
          + key + (obs == null ? " once obskit is installed" : ""));
    }
  }

  private void buffer(LogRecord record) {
    synchronized (pending) {
      if (pending.size() < bufferSize) {
        pending.add(record);
      } else {
        overflow++;
      }
      hasPending = true;
    }
  }

  /** Delivers the buffered records to {@code obs}, oldest first, and reports those beyond the bound. */
  void drainTo(Observability obs) {
    ArrayDeque<LogRecord> batch;
    long over;
    synchronized (pending) {
      if (!hasPending) {
        return;
      }
      batch = new ArrayDeque<>(pending);
      pending.clear();
      over = overflow;
      overflow = 0;
      hasPending = false;
    }
    for (LogRecord r : batch) {
      deliver(obs, r);
    }
    if (over > 0) {
      String key = source + ".dropped.before_start";
      obs.selfMetrics().add(key, over);
      warn.accept("obskit " + source + " appender dropped " + over + " log events made before obskit started,"
          + " beyond its buffer of " + bufferSize + " (counted as " + key + ")");
    }
  }

  private void deliver(Observability obs, LogRecord record) {
    obs.log(record);
    Throwable error = record.throwable();
    if (captureErrors && error != null && record.level().isAtLeast(LogLevel.ERROR)) {
      ErrorEvent.Builder event = ErrorEvent.builder(error)
          .message(record.message().isEmpty() ? null : record.message())
          .level(record.level() == LogLevel.FATAL ? Level.FATAL : Level.ERROR)
          .context(record.attributes())
          .spanContext(record.spanContext())
          .timestampMillis(record.epochMillis());
      if (!record.loggerName().isEmpty()) {
        event.tag("logger", record.loggerName());
      }
      obs.captureError(event.build());
    } else if (breadcrumbs && record.level().isAtLeast(breadcrumbLevel)) {
      obs.addBreadcrumb(Breadcrumb.of(BREADCRUMB_CATEGORY, record.message(), level(record.level()),
          Map.of("logger", record.loggerName()), record.spanContext(), record.epochMillis()));
    }
  }

  private static Level level(LogLevel level) {
    switch (level) {
      case TRACE:
      case DEBUG:
        return Level.DEBUG;
      case INFO:
        return Level.INFO;
      case WARN:
        return Level.WARNING;
      case ERROR:
        return Level.ERROR;
      default:
        return Level.FATAL;
    }
  }
}
