package dev.obskit.core.internal.config;

import dev.obskit.api.spi.BackendConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A section of {@link InterimConfiguration}; every getter records the key as read. */
final class InterimSection implements BackendConfig {
  private final InterimConfiguration config;
  private final String path;

  InterimSection(InterimConfiguration config, String path) {
    this.config = config;
    this.path = path;
  }

  private String full(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Object raw(String key) {
    String f = full(key);
    config.read.add(f);
    return config.values.get(f);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public boolean has(String key) {
    return config.values.containsKey(full(key));
  }

  @Override
  public Set<String> keys() {
    Set<String> out = new TreeSet<>();
    String prefix = path.isEmpty() ? "" : path + ".";
    for (String k : config.values.keySet()) {
      if (k.startsWith(prefix)) {
        String rest = k.substring(prefix.length());
        out.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
      }
    }
    return out;
  }

  @Override
  public String getString(String key, String defaultValue) {
    Object v = raw(key);
    return v == null ? defaultValue : String.valueOf(v);
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
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equalsIgnoreCase(s)) {
        return a.toLowerCase(Locale.ROOT);
      }
    }
    config.problem(full(key), v, "must be one of " + String.join(", ", allowed));
    return defaultValue;
  }

  @Override
  public boolean getBoolean(String key, boolean defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    config.problem(full(key), v, "must be true or false");
    return defaultValue;
  }

  @Override
  public int getInt(String key, int defaultValue, int min, int max) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      long l = Long.parseLong(String.valueOf(v).trim());
      if (l >= min && l <= max) {
        return (int) l;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    config.problem(full(key), v, "must be an integer between " + min + " and " + max);
    return defaultValue;
  }

  @Override
  public double getDouble(String key, double defaultValue, double min, double max) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(String.valueOf(v).trim());
      if (Double.isFinite(d) && d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    config.problem(full(key), v, "must be a number between " + min + " and " + max);
    return defaultValue;
  }

  @Override
  public Duration getDuration(String key, Duration defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      }
      if (s.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      }
      if (s.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      }
      return Duration.ofMillis(Long.parseLong(s));
    } catch (NumberFormatException e) {
      config.problem(full(key), v, "must be a duration such as 250ms, 5s or 1m");
      return defaultValue;
    }
  }

  @Override
  public List<String> getStringList(String key, List<String> defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof List) {
      List<String> out = new ArrayList<>();
      ((List<?>) v).forEach(o -> out.add(String.valueOf(o)));
      return out;
    }
    return InterimConfiguration.split(String.valueOf(v));
  }

  @Override
  public Map<String, String> getStringMap(String key, Map<String, String> defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof Map) {
      ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
      return out;
    }
    for (String pair : InterimConfiguration.split(String.valueOf(v))) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        config.problem(full(key), v, "must be a map or k=v,k2=v2");
        return defaultValue;
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  @Override
  public List<Double> getDoubleList(String key, List<Double> defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    List<Object> items = v instanceof List ? new ArrayList<>((List<?>) v)
        : new ArrayList<>(Arrays.asList(InterimConfiguration.split(String.valueOf(v)).toArray()));
    List<Double> out = new ArrayList<>();
    for (Object o : items) {
      try {
        double d = Double.parseDouble(String.valueOf(o).trim());
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        out.add(d);
      } catch (NumberFormatException e) {
        config.problem(full(key), v, "must be a list of finite numbers");
        return defaultValue;
      }
    }
    return out;
  }

  @Override
  public BackendConfig section(String key) {
    return new InterimSection(config, full(key));
  }

  @Override
  public void problem(String key, String message) {
    config.problem(full(key), config.values.get(full(key)), message);
  }
}
