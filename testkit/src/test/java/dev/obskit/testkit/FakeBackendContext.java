package dev.obskit.testkit;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.BackendConfig;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.DefaultScrubber;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal context for driving the memory sinks directly, without the core. The memory backend
 * reads no configuration, so the config answers defaults.
 */
final class FakeBackendContext implements BackendContext {
  private final boolean primary;
  private final SimpleSelfMetrics selfMetrics = new SimpleSelfMetrics();

  FakeBackendContext(boolean primary) {
    this.primary = primary;
  }

  SimpleSelfMetrics counters() {
    return selfMetrics;
  }

  @Override
  public String serviceName() {
    return "test-service";
  }

  @Override
  public String serviceVersion() {
    return "";
  }

  @Override
  public String environment() {
    return "";
  }

  @Override
  public BackendConfig config() {
    return new EmptyConfig();
  }

  @Override
  public Set<Signal> signals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public boolean isPrimaryTraceBackend() {
    return primary;
  }

  @Override
  public SelfMetrics selfMetrics() {
    return selfMetrics;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("test");
  }

  @Override
  public Scrubber scrubber() {
    return Scrubber.none();
  }

  @Override
  public Scrubber scrubber(Collection<String> extraKeys) {
    return new DefaultScrubber(extraKeys);
  }

  @Override
  public SpanContext currentSpanContext() {
    return SpanContext.invalid();
  }

  static final class SimpleSelfMetrics implements SelfMetrics {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public void add(String key, long amount) {
      counters.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(amount);
    }

    @Override
    public long get(String key) {
      AtomicLong v = counters.get(key);
      return v == null ? 0 : v.get();
    }

    @Override
    public Map<String, Long> snapshot() {
      Map<String, Long> m = new TreeMap<>();
      counters.forEach((k, v) -> {
        if (v.get() != 0) {
          m.put(k, v.get());
        }
      });
      return m;
    }
  }

  private static final class EmptyConfig implements BackendConfig {
    @Override
    public String path() {
      return "memory";
    }

    @Override
    public boolean has(String key) {
      return false;
    }

    @Override
    public Set<String> keys() {
      return Set.of();
    }

    @Override
    public String getString(String key, String defaultValue) {
      return defaultValue;
    }

    @Override
    public String getSecret(String key, String defaultValue) {
      return defaultValue;
    }

    @Override
    public String getChoice(String key, String defaultValue, String... allowed) {
      return defaultValue;
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
      return defaultValue;
    }

    @Override
    public int getInt(String key, int defaultValue, int min, int max) {
      return defaultValue;
    }

    @Override
    public double getDouble(String key, double defaultValue, double min, double max) {
      return defaultValue;
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
      return defaultValue;
    }

    @Override
    public List<String> getStringList(String key, List<String> defaultValue) {
      return defaultValue;
    }

    @Override
    public Map<String, String> getStringMap(String key, Map<String, String> defaultValue) {
      return defaultValue;
    }

    @Override
    public List<Double> getDoubleList(String key, List<Double> defaultValue) {
      return defaultValue;
    }

    @Override
    public BackendConfig section(String key) {
      return this;
    }

    @Override
    public void problem(String key, String message) {
      throw new AssertionError("unexpected config problem " + key + ": " + message);
    }
  }
}
