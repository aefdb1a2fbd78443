package dev.obskit.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/** The real Logback of this JVM, reconfigured per test from {@code logback.xml} text. */
final class Logback {
  private Logback() {}

  /** Resets the JVM's LoggerContext and configures it from {@code <configuration>} content. */
  static LoggerContext configure(String body) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(new ByteArrayInputStream(("<configuration>" + body + "</configuration>")
          .getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
    return context;
  }

  /** The list appender named {@code name} on the root logger (directly or behind an AsyncAppender). */
  @SuppressWarnings("unchecked")
  static ListAppender<ILoggingEvent> list(LoggerContext context, String name) {
    return (ListAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender(name);
  }

  static List<ILoggingEvent> await(ListAppender<ILoggingEvent> list, int count) {
    waitUntil(() -> list.list.size() >= count);
    return List.copyOf(list.list);
  }

  static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
