package dev.obskit.core.internal.errors;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.User;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.SinkFailures;
import java.util.Map;

/**
 * Delivers errors to every routed error sink, each call isolated: a sink that throws is counted
 * and skipped, the others still receive the call. Errors are not a hot path, so one backend goes
 * through the same loop (over one element) as several.
 */
public final class FanOutErrorSink implements ErrorSink {
  private final String[] backends;
  private final ErrorSink[] sinks;
  private final SinkFailures failures;

  private FanOutErrorSink(String[] backends, ErrorSink[] sinks, SinkFailures failures) {
    this.backends = backends;
    this.sinks = sinks;
    this.failures = failures;
  }

  /** A sink over {@code sinks} (backend name -> sink, in routing order). */
  public static ErrorSink of(Map<String, ErrorSink> sinks, SinkFailures failures) {
    if (sinks.isEmpty()) {
      return ErrorSink.noop();
    }
    return new FanOutErrorSink(sinks.keySet().toArray(new String[0]), sinks.values().toArray(new ErrorSink[0]),
        failures);
  }

  /** One call on one sink. */
  @FunctionalInterface
  private interface Call {
    void on(ErrorSink sink);
  }

  private void each(Call call) {
    for (int i = 0; i < sinks.length; i++) {
      try {
        call.on(sinks[i]);
      } catch (Throwable t) {
        failures.failed(backends[i], Signal.ERRORS, t);
      }
    }
  }

  @Override
  public void capture(ErrorEvent event) {
    each(sink -> sink.capture(event));
  }

  @Override
  public void setUser(User user) {
    each(sink -> sink.setUser(user));
  }

  @Override
  public void setTag(String key, String value) {
    each(sink -> sink.setTag(key, value));
  }

  @Override
  public void setContext(String name, Map<String, Object> values) {
    each(sink -> sink.setContext(name, values));
  }
}
