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
   * The facade's process-wide user changed (null: cleared); not called for changes inside a
   * request scope ({@link dev.obskit.api.Observability#isolate()}), which reach a sink only with
   * the events themselves. Never store per-request data in a process-wide place from here.
   */
  default void setUser(User user) {}

  /** A process-wide facade tag changed (null value: removed); see {@link #setUser}. */
  default void setTag(String key, String value) {}

  /** A process-wide facade named context changed (null: removed); see {@link #setUser}. */
  default void setContext(String name, Map<String, Object> values) {}

  /** A sink that drops everything. */
  static ErrorSink noop() {
    return event -> {};
  }
}
