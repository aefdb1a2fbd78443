package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.BackendConfig;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.api.spi.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A map-backed context for unit tests of the backend's own logic (settings, scrubbing) without
 * the core. Records which keys were read and every reported problem.
 */
final class StubContext implements BackendContext {
  final Map<String, Object> section;
  final List<String> problems = new ArrayList<>();
  final Set<String> read = new HashSet<>();
  final Counters counters = new Counters();
  final List<String> logLines = new ArrayList<>();
  Set<Signal> signals = EnumSet.allOf(Signal.class);
  boolean primary = true;
  Supplier<SpanContext> current = SpanContext::invalid;
  String environment = "test";
  String version = "";

  StubContext(Map<String, ?> section) {
    this.section = new LinkedHashMap<>(section);
  }

  @Override
  public String serviceName() {
    return "svc";
  }

  @Override
  public String serviceVersion() {
    return version;
  }

  @Override
  public String environment() {
    return environment;
  }

  @Override
  public BackendConfig config() {
    return new Config();
  }

  @Override
  public Set<Signal> signals() {
    return signals;
  }

  @Override
  public boolean isPrimaryTraceBackend() {
    return primary;
  }

  @Override
  public SelfMetrics selfMetrics() {
    return counters;
  }

  @Override
  public System.Logger logger() {
    return new System.Logger() {
      @Override
      public String getName() {
        return "stub";
      }

      @Override
      public boolean isLoggable(Level level) {
        return true;
      }

      @Override
      public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
        synchronized (logLines) {
          logLines.add(level + " " + msg);
        }
      }

      @Override
      public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
        synchronized (logLines) {
          logLines.add(level + " " + (params == null ? format : java.text.MessageFormat.format(format, params)));
        }
      }
    };
  }

  @Override
  public Scrubber scrubber() {
    Set<String> keys = Set.of("password", "token", "secret", "authorization", "cookie", "apikey");
    return new Scrubber() {
      @Override
      public boolean isSensitiveKey(String key) {
        return keys.contains(SecretScrubbing.normalize(key));
      }

      @Override
      public Map<String, Object> scrub(Map<String, ?> values) {
        throw new UnsupportedOperationException("the backend scrubs with its own walker");
      }
    };
  }

  @Override
  public SpanContext currentSpanContext() {
    return current.get();
  }

  final class Config implements BackendConfig {
    private Object value(String key) {
      read.add(key);
      return section.get(key);
    }

    @Override
    public String path() {
      return "sentry";
    }

    @Override
    public boolean has(String key) {
      return section.containsKey(key);
    }

    @Override
    public Set<String> keys() {
      return section.keySet();
    }

    @Override
    public String getString(String key, String defaultValue) {
      Object v = value(key);
      return v == null ? defaultValue : v.toString();
    }

    @Override
    public String getSecret(String key, String defaultValue) {
      return getString(key, defaultValue);
    }

    @Override
    public String getChoice(String key, String defaultValue, String... allowed) {
      return getString(key, defaultValue).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
      Object v = value(key);
      return v == null ? defaultValue : Boolean.parseBoolean(v.toString());
    }

    @Override
    public int getInt(String key, int defaultValue, int min, int max) {
      Object v = value(key);
      if (v == null) {
        return defaultValue;
      }
      int i = Integer.parseInt(v.toString());
      if (i < min || i > max) {
        problem(key, "out of range");
        return defaultValue;
      }
      return i;
    }

    @Override
    public double getDouble(String key, double defaultValue, double min, double max) {
      Object v = value(key);
      if (v == null) {
        return defaultValue;
      }
      double d = Double.parseDouble(v.toString());
      if (d < min || d > max) {
        problem(key, "out of range");
        return defaultValue;
      }
      return d;
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
      Object v = value(key);
      return v == null ? defaultValue : (Duration) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getStringList(String key, List<String> defaultValue) {
      Object v = value(key);
      return v == null ? defaultValue : (List<String>) v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> getStringMap(String key, Map<String, String> defaultValue) {
      Object v = value(key);
      return v == null ? defaultValue : (Map<String, String>) v;
    }

    @Override
    public List<Double> getDoubleList(String key, List<Double> defaultValue) {
      return defaultValue;
    }

    @Override
    public BackendConfig section(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void problem(String key, String message) {
      problems.add("sentry." + key + ": " + message);
    }
  }

  static final class Counters implements SelfMetrics {
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    @Override
    public void add(String key, long amount) {
      values.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(amount);
    }

    @Override
    public long get(String key) {
      AtomicLong v = values.get(key);
      return v == null ? 0 : v.get();
    }

    @Override
    public Map<String, Long> snapshot() {
      Map<String, Long> out = new TreeMap<>();
      values.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }
  }
}
