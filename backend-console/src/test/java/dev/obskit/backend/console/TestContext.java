package dev.obskit.backend.console;

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

/**
 * A minimal BackendContext for unit tests of the console's own logic, before the core's
 * BackendHarness exists. Records which keys were read and which problems were reported.
 */
public final class TestContext implements BackendContext {
  final Map<String, Object> values;
  final Set<String> read = new HashSet<>();
  final List<String> problems = new ArrayList<>();
  final TestSelfMetrics selfMetrics = new TestSelfMetrics();
  private final boolean primary;

  public TestContext(Map<String, ?> values, boolean primary) {
    this.values = new LinkedHashMap<>(values);
    this.primary = primary;
  }

  /** Keys present but never read: the core would report them as unknown. */
  public Set<String> unreadKeys() {
    Set<String> s = new HashSet<>(values.keySet());
    s.removeAll(read);
    return s;
  }

  public TestSelfMetrics selfMetricsImpl() {
    return selfMetrics;
  }

  @Override
  public String serviceName() {
    return "question-service";
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
    return new Config();
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
    return TestScrubber.INSTANCE;
  }

  @Override
  public SpanContext currentSpanContext() {
    return SpanContext.invalid();
  }

  /** Secrets by key, like the core's default list (a subset is enough here). */
  public static final class TestScrubber implements Scrubber {
    public static final TestScrubber INSTANCE = new TestScrubber();

    @Override
    public boolean isSensitiveKey(String key) {
      String k = key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
      return k.contains("password") || k.contains("apikey") || k.contains("token");
    }

    @Override
    public Map<String, Object> scrub(Map<String, ?> values) {
      Map<String, Object> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put(k, isSensitiveKey(k) ? FILTERED : v));
      return out;
    }
  }

  /** Counters in a map. */
  public static final class TestSelfMetrics implements SelfMetrics {
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
      counters.forEach((k, v) -> m.put(k, v.get()));
      return m;
    }
  }

  private final class Config implements BackendConfig {
    @Override
    public String path() {
      return "console";
    }

    @Override
    public boolean has(String key) {
      return values.containsKey(key);
    }

    @Override
    public Set<String> keys() {
      return values.keySet();
    }

    private Object raw(String key) {
      read.add(key);
      return values.get(key);
    }

    @Override
    public String getString(String key, String defaultValue) {
      Object v = raw(key);
      return v == null ? defaultValue : v.toString();
    }

    @Override
    public String getSecret(String key, String defaultValue) {
      return getString(key, defaultValue);
    }

    @Override
    public String getChoice(String key, String defaultValue, String... allowed) {
      Object v = raw(key);
      if (v == null) {
        return defaultValue;
      }
      String s = v.toString().toLowerCase(Locale.ROOT);
      if (!List.of(allowed).contains(s)) {
        problems.add("console." + key + ": '" + v + "' is not one of " + List.of(allowed));
        return defaultValue;
      }
      return s;
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
      Object v = raw(key);
      return v == null ? defaultValue : Boolean.parseBoolean(v.toString());
    }

    @Override
    public int getInt(String key, int defaultValue, int min, int max) {
      Object v = raw(key);
      if (v == null) {
        return defaultValue;
      }
      int i = Integer.parseInt(v.toString());
      if (i < min || i > max) {
        problems.add("console." + key + ": " + i + " is not within [" + min + ", " + max + "]");
        return defaultValue;
      }
      return i;
    }

    @Override
    public double getDouble(String key, double defaultValue, double min, double max) {
      Object v = raw(key);
      return v == null ? defaultValue : Double.parseDouble(v.toString());
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
      raw(key);
      return defaultValue;
    }

    @Override
    public List<String> getStringList(String key, List<String> defaultValue) {
      raw(key);
      return defaultValue;
    }

    @Override
    public Map<String, String> getStringMap(String key, Map<String, String> defaultValue) {
      raw(key);
      return defaultValue;
    }

    @Override
    public List<Double> getDoubleList(String key, List<Double> defaultValue) {
      raw(key);
      return defaultValue;
    }

    @Override
    public BackendConfig section(String key) {
      throw new UnsupportedOperationException("the console has no nested sections");
    }

    @Override
    public void problem(String key, String message) {
      problems.add("console." + key + ": " + message);
    }
  }
}
