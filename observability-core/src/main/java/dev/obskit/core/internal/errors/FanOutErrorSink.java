package dev.obskit.core.internal.errors;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.User;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.SinkFailures;
import java.util.List;
import java.util.Map;

/**
 * Delivers errors to every routed error sink, each call isolated: a sink that throws is counted
 * and skipped, the others still receive the call. One sink: no loop, no list.
 */
public abstract class FanOutErrorSink implements ErrorSink {
  final SinkFailures failures;

  FanOutErrorSink(SinkFailures failures) {
    this.failures = failures;
  }

  /** A sink over {@code sinks} (backend name -> sink, in routing order). */
  public static ErrorSink of(Map<String, ErrorSink> sinks, SinkFailures failures) {
    if (sinks.isEmpty()) {
      return ErrorSink.noop();
    }
    if (sinks.size() == 1) {
      Map.Entry<String, ErrorSink> e = sinks.entrySet().iterator().next();
      return new Single(e.getKey(), e.getValue(), failures);
    }
    return new Many(List.copyOf(sinks.keySet()), List.copyOf(sinks.values()), failures);
  }

  private static final class Single extends FanOutErrorSink {
    private final String backend;
    private final ErrorSink sink;

    Single(String backend, ErrorSink sink, SinkFailures failures) {
      super(failures);
      this.backend = backend;
      this.sink = sink;
    }

    @Override
    public void capture(ErrorEvent event) {
      try {
        sink.capture(event);
      } catch (Throwable t) {
        failures.failed(backend, Signal.ERRORS, t);
      }
    }

    @Override
    public void setUser(User user) {
      try {
        sink.setUser(user);
      } catch (Throwable t) {
        failures.failed(backend, Signal.ERRORS, t);
      }
    }

    @Override
    public void setTag(String key, String value) {
      try {
        sink.setTag(key, value);
      } catch (Throwable t) {
        failures.failed(backend, Signal.ERRORS, t);
      }
    }

    @Override
    public void setContext(String name, Map<String, Object> values) {
      try {
        sink.setContext(name, values);
      } catch (Throwable t) {
        failures.failed(backend, Signal.ERRORS, t);
      }
    }
  }

  private static final class Many extends FanOutErrorSink {
    private final String[] backends;
    private final ErrorSink[] sinks;

    Many(List<String> backends, List<ErrorSink> sinks, SinkFailures failures) {
      super(failures);
      this.backends = backends.toArray(new String[0]);
      this.sinks = sinks.toArray(new ErrorSink[0]);
    }

    @Override
    public void capture(ErrorEvent event) {
      for (int i = 0; i < sinks.length; i++) {
        try {
          sinks[i].capture(event);
        } catch (Throwable t) {
          failures.failed(backends[i], Signal.ERRORS, t);
        }
      }
    }

    @Override
    public void setUser(User user) {
      for (int i = 0; i < sinks.length; i++) {
        try {
          sinks[i].setUser(user);
        } catch (Throwable t) {
          failures.failed(backends[i], Signal.ERRORS, t);
        }
      }
    }

    @Override
    public void setTag(String key, String value) {
      for (int i = 0; i < sinks.length; i++) {
        try {
          sinks[i].setTag(key, value);
        } catch (Throwable t) {
          failures.failed(backends[i], Signal.ERRORS, t);
        }
      }
    }

    @Override
    public void setContext(String name, Map<String, Object> values) {
      for (int i = 0; i < sinks.length; i++) {
        try {
          sinks[i].setContext(name, values);
        } catch (Throwable t) {
          failures.failed(backends[i], Signal.ERRORS, t);
        }
      }
    }
  }
}
