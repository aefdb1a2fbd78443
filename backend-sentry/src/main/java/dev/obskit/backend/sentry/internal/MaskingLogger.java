package dev.obskit.backend.sentry.internal;

import io.sentry.ILogger;
import io.sentry.SentryLevel;
import java.util.IllegalFormatException;

/**
 * Sentry's diagnostic logger, forwarded to the backend's logger with the DSN key masked in every
 * line (Sentry logs the DSN at debug level). Installed only when {@code sentry.debug} is true.
 */
final class MaskingLogger implements ILogger {
  private final System.Logger target;
  private final String dsn;

  MaskingLogger(System.Logger target, String dsn) {
    this.target = target;
    this.dsn = dsn;
  }

  @Override
  public void log(SentryLevel level, String message, Object... args) {
    emit(level, format(message, args), null);
  }

  @Override
  public void log(SentryLevel level, String message, Throwable throwable) {
    emit(level, message, throwable);
  }

  @Override
  public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
    emit(level, format(message, args), throwable);
  }

  @Override
  public boolean isEnabled(SentryLevel level) {
    return level != null && target.isLoggable(map(level));
  }

  private void emit(SentryLevel level, String message, Throwable throwable) {
    System.Logger.Level l = map(level);
    if (!target.isLoggable(l)) {
      return;
    }
    String line = "sentry: " + DsnMasking.maskIn(message, dsn);
    if (throwable == null) {
      target.log(l, line);
    } else {
      // The throwable's message may quote the DSN too: log only its type and masked message.
      target.log(l, line + " (" + throwable.getClass().getName() + ": "
          + DsnMasking.maskIn(String.valueOf(throwable.getMessage()), dsn) + ")");
    }
  }

  private static String format(String message, Object... args) {
    if (args == null || args.length == 0) {
      return message;
    }
    try {
      return String.format(message, args);
    } catch (IllegalFormatException e) {
      return message;
    }
  }

  private static System.Logger.Level map(SentryLevel level) {
    if (level == null) {
      return System.Logger.Level.DEBUG;
    }
    switch (level) {
      case DEBUG:
        return System.Logger.Level.DEBUG;
      case INFO:
        return System.Logger.Level.INFO;
      case WARNING:
        return System.Logger.Level.WARNING;
      default:
        return System.Logger.Level.ERROR;
    }
  }
}
