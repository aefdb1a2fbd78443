package dev.obskit.api.spi;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.User;
import java.util.Map;

/**
 * Receives captured errors. The event already carries the scope (tags, user, contexts), the
 * current span's ids and a timestamp. Must not block on I/O: queue and send in the background.
 */
public interface ErrorSink {
  /** Takes one error. */
  void capture(ErrorEvent event);

  /**
   * The facade's user changed (null: cleared). Lets a backend with its own scope keep it in
   * step for errors it captures outside the facade.
   */
  default void setUser(User user) {}

  /** A facade tag changed (null value: removed). */
  default void setTag(String key, String value) {}

  /** A facade named context changed (null: removed). */
  default void setContext(String name, Map<String, Object> values) {}

  /** A sink that drops everything. */
  static ErrorSink noop() {
    return event -> {};
  }
}
