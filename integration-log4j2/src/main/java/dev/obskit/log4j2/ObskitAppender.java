package dev.obskit.log4j2;

import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.logging.LogForwarder;
import dev.obskit.logging.TraceContextKeys;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.validation.constraints.Required;
import org.apache.logging.log4j.status.StatusLogger;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * Sends Log4j2 events to obskit: each event becomes a log record ({@code routing.logs}), an ERROR
 * or FATAL with an exception also becomes a captured error (the context data as context, the logger
 * name as the {@code logger} tag), and with {@code breadcrumbs="true"} the other events become
 * breadcrumbs. In {@code log4j2.xml}:
 *
 * <pre>{@code
 * <Appenders><Obskit name="OBSKIT"/></Appenders>
 * <Loggers><Root level="info"><AppenderRef ref="OBSKIT"/></Root></Loggers>
 * }</pre>
 *
 * <p>The span ids come from the event's context data, which {@link TraceContextDataProvider} filled
 * on the logging thread. The SDK is found through {@link dev.obskit.logging.ObskitLogging}; until
 * one exists events are buffered ({@code bufferSize}, default 1000) and the excess is counted.
 * Events of obskit's own loggers and of the OpenTelemetry and Sentry SDKs are skipped.
 */
@Plugin(name = "Obskit", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class ObskitAppender extends AbstractAppender {

  private final LogForwarder forwarder;
  private final TraceContextKeys keys;

  private ObskitAppender(String name, Filter filter, LogForwarder forwarder, TraceContextKeys keys) {
    super(name, filter, null, true, Property.EMPTY_ARRAY);
    this.forwarder = forwarder;
    this.keys = keys;
  }

  /** The builder Log4j2 uses for {@code <Obskit .../>}. */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public void start() {
    forwarder.start();
    super.start();
  }

  @Override
  public boolean stop(long timeout, java.util.concurrent.TimeUnit unit) {
    forwarder.stop();
    return super.stop(timeout, unit);
  }

  @Override
  public void append(LogEvent event) {
    if (LogForwarder.isOwnLogger(event.getLoggerName())) {
      return;
    }
    LogRecord record;
    try {
      record = toRecord(event);
    } catch (RuntimeException e) {
      forwarder.unreadable(e);
      return;
    }
    forwarder.forward(record);
  }


  private LogRecord toRecord(LogEvent event) {
    String message = event.getMessage() == null ? "" : event.getMessage().getFormattedMessage();
    LogRecord.Builder b = LogRecord.builder(level(event.getLevel()), message)
        .loggerName(event.getLoggerName())
        .threadName(event.getThreadName())
        .epochMillis(event.getTimeMillis())
        .throwable(event.getThrown());
    ReadOnlyStringMap data = event.getContextData();
    if (data != null && !data.isEmpty()) {
      b.spanContext(keys.read(data::getValue));
      data.forEach((k, v) -> {
        if (!keys.isKey(k)) {
          b.attribute(k, v);
        }
      });
    }
    return b.build();
  }

  static LogLevel level(Level level) {
    if (level == null) {
      return LogLevel.INFO;
    }
    int l = level.intLevel();
    if (l <= Level.FATAL.intLevel()) {
      return LogLevel.FATAL;
    } else if (l <= Level.ERROR.intLevel()) {
      return LogLevel.ERROR;
    } else if (l <= Level.WARN.intLevel()) {
      return LogLevel.WARN;
    } else if (l <= Level.INFO.intLevel()) {
      return LogLevel.INFO;
    } else if (l <= Level.DEBUG.intLevel()) {
      return LogLevel.DEBUG;
    }
    return LogLevel.TRACE;
  }

  /** {@code <Obskit name=".." captureErrors=".." breadcrumbs=".." breadcrumbLevel=".." bufferSize=".."/>}. */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<ObskitAppender> {
    @PluginBuilderAttribute
    @Required(message = "the Obskit appender needs a name")
    private String name;

    @PluginBuilderAttribute
    private boolean captureErrors = true;

    @PluginBuilderAttribute
    private boolean breadcrumbs;

    @PluginBuilderAttribute
    private String breadcrumbLevel = "INFO";

    @PluginBuilderAttribute
    private int bufferSize = 1000;

    @org.apache.logging.log4j.core.config.plugins.PluginElement("Filter")
    private Filter filter;

    /** The appender's name. */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /** Whether ERROR and FATAL events with an exception become captured errors (default true). */
    public Builder setCaptureErrors(boolean captureErrors) {
      this.captureErrors = captureErrors;
      return this;
    }

    /** Whether the other events become breadcrumbs, events named {@code log} (default false). */
    public Builder setBreadcrumbs(boolean breadcrumbs) {
      this.breadcrumbs = breadcrumbs;
      return this;
    }

    /** The least severe level that becomes a breadcrumb (default INFO). */
    public Builder setBreadcrumbLevel(String breadcrumbLevel) {
      this.breadcrumbLevel = breadcrumbLevel;
      return this;
    }

    /** Events kept until the SDK exists (default 1000); the excess is counted. */
    public Builder setBufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
      return this;
    }

    @Override
    public ObskitAppender build() {
      LogLevel crumbs;
      try {
        crumbs = LogLevel.valueOf(breadcrumbLevel.trim().toUpperCase(Locale.ROOT).replace("WARNING", "WARN"));
      } catch (RuntimeException e) {
        StatusLogger.getLogger().error("obskit appender '{}': breadcrumbLevel '{}' is not one of TRACE, DEBUG, INFO,"
            + " WARN, ERROR, FATAL", name, breadcrumbLevel);
        return null;
      }
      LogForwarder forwarder = new LogForwarder("log4j2", captureErrors, breadcrumbs, crumbs, bufferSize,
          message -> StatusLogger.getLogger().warn(message));
      return new ObskitAppender(name, filter, forwarder, Log4j2Keys.get());
    }
  }
}
