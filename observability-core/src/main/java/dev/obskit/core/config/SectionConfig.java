package dev.obskit.core.config;

import dev.obskit.api.spi.BackendConfig;
import dev.obskit.core.ConfigProblem;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One section of the configuration ({@code sentry}, {@code otel.exporter}, or the root), the
 * implementation of {@link BackendConfig} handed to backends.
 *
 * <p>Every getter resolves the key with the precedence builder &gt; env ({@code OBS_} + the
 * dotted path upper-cased, {@code .} and {@code -} as {@code _}) &gt; file/inline YAML &gt; the
 * default given by the caller. Getters never throw: a bad value records a {@link ConfigProblem}
 * (full path, value, source and what is allowed) and the default is returned. A key whose value
 * is YAML {@code null} (for example {@code dsn:} with nothing after it) counts as unset.
 *
 * <p>Every key a getter asks for is remembered: keys present but never read are reported as
 * unknown by {@link ConfigInputs#reportUnknownKeys}, with a suggestion among the keys that were
 * read. The returned values are remembered too, for {@link #describe()}. Thread-safe.
 */
public final class SectionConfig implements BackendConfig {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d)");
  private static final String DURATION_ALLOWED =
      "expected a duration such as 250ms, 5s, 1m, 1h (units ns, us, ms, s, m, h, d), an ISO-8601"
          + " duration (PT5S) or a number of milliseconds";
  /**
   * The longest duration any key accepts. Every duration here is a timeout, an interval or a
   * deadline; beyond a week it is a typo (P200000D), and such values overflow the nanosecond and
   * int-millisecond arithmetic of the SDKs they are handed to, failing far from the key.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(7);
  private static final String DURATION_TOO_LONG = "is longer than the maximum of 7 days (P7D) that any"
      + " duration key accepts";

  private final ConfigInputs inputs;
  private final String path;
  private final Set<String> readKeys = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Set<String> secretKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, EffectiveValue> effective =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, SectionConfig> children = new ConcurrentHashMap<>();

  SectionConfig(ConfigInputs inputs, String path) {
    this.inputs = inputs;
    this.path = path;
  }

  /** Where a resolved value came from. */
  private record Raw(Object value, String source) {}

  @Override
  public String path() {
    return path;
  }

  @Override
  public boolean has(String key) {
    String full = ConfigInputs.join(path, key);
    return inputs.env.containsKey(ConfigInputs.envName(full)) || localValue(key) != null;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Environment overrides are found when a key is read, so keys set only through {@code OBS_*}
   * variables are not listed here.
   */
  @Override
  public Set<String> keys() {
    Object node = inputs.node(path);
    if (node instanceof Map<?, ?> map) {
      Set<String> keys = new LinkedHashSet<>();
      map.keySet().forEach(key -> keys.add(String.valueOf(key)));
      return Collections.unmodifiableSet(keys);
    }
    return Set.of();
  }

  @Override
  public String getString(String key, String defaultValue) {
    Raw raw = resolve(key);
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    String text = scalar(key, raw, "expected a single value (text), not a list or section");
    return text == null ? remember(key, defaultValue, "default") : remember(key, text, raw.source);
  }

  @Override
  public String getSecret(String key, String defaultValue) {
    secretKeys.add(key);
    return getString(key, defaultValue);
  }

  @Override
  public String getChoice(String key, String defaultValue, String... allowed) {
    Raw raw = resolve(key);
    String allowedText = "expected one of: " + String.join(", ", allowed);
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    String text = scalar(key, raw, allowedText);
    if (text == null) {
      return remember(key, defaultValue, "default");
    }
    String lower = text.trim().toLowerCase(Locale.ROOT);
    for (String choice : allowed) {
      if (choice.toLowerCase(Locale.ROOT).equals(lower)) {
        return remember(key, lower, raw.source);
      }
    }
    problem(key, raw, withSuggestion(allowedText, lower, Arrays.asList(allowed)));
    return remember(key, defaultValue, "default");
  }

  @Override
  public boolean getBoolean(String key, boolean defaultValue) {
    Raw raw = resolve(key);
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    String text = scalar(key, raw, "expected true or false");
    if (text != null) {
      String lower = text.trim().toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        return remember(key, Boolean.parseBoolean(lower), raw.source);
      }
      problem(key, raw, "expected true or false");
    }
    return remember(key, defaultValue, "default");
  }

  @Override
  public int getInt(String key, int defaultValue, int min, int max) {
    Raw raw = resolve(key);
    String allowed = "expected a whole number between " + min + " and " + max;
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    String text = scalar(key, raw, allowed);
    if (text != null) {
      try {
        long value = Long.parseLong(text.trim().replace("_", ""));
        if (value >= min && value <= max) {
          return remember(key, (int) value, raw.source);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(key, raw, allowed);
    }
    return remember(key, defaultValue, "default");
  }

  @Override
  public double getDouble(String key, double defaultValue, double min, double max) {
    Raw raw = resolve(key);
    String allowed = "expected a number between " + min + " and " + max;
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    String text = scalar(key, raw, allowed);
    if (text != null) {
      Double value = parseDouble(text);
      if (value != null && value >= min && value <= max) {
        return remember(key, value, raw.source);
      }
      problem(key, raw, allowed);
    }
    return remember(key, defaultValue, "default");
  }

  @Override
  public Duration getDuration(String key, Duration defaultValue) {
    Raw raw = resolve(key);
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    if (raw.value instanceof Duration duration && !duration.isNegative()) {
      if (duration.compareTo(MAX_DURATION) > 0) {
        problem(key, raw, DURATION_TOO_LONG);
        return remember(key, defaultValue, "default");
      }
      return remember(key, duration, raw.source);
    }
    String text = scalar(key, raw, DURATION_ALLOWED);
    if (text != null) {
      Duration value = parseDuration(text);
      if (value != null && value.compareTo(MAX_DURATION) <= 0) {
        return remember(key, value, raw.source);
      }
      problem(key, raw, value != null || tooLong(text) ? DURATION_TOO_LONG : DURATION_ALLOWED);
    }
    return remember(key, defaultValue, "default");
  }

  @Override
  public List<String> getStringList(String key, List<String> defaultValue) {
    Raw raw = resolve(key);
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    List<String> values = stringList(key, raw, "expected a list of values or comma-separated text");
    return values == null
        ? remember(key, defaultValue, "default")
        : remember(key, values, raw.source);
  }

  @Override
  public Map<String, String> getStringMap(String key, Map<String, String> defaultValue) {
    Raw raw = resolve(key);
    String allowed = "expected a mapping of keys to single values, or k=v,k2=v2 text";
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    Map<String, String> result = new LinkedHashMap<>();
    if (raw.value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object value = entry.getValue();
        if (value instanceof Map || value instanceof List) {
          problem(key, raw, allowed + "; \"" + entry.getKey() + "\" holds a list or section");
          return remember(key, defaultValue, "default");
        }
        result.put(String.valueOf(entry.getKey()), value == null ? "" : String.valueOf(value));
      }
    } else if (raw.value instanceof List) {
      problem(key, raw, allowed);
      return remember(key, defaultValue, "default");
    } else {
      String text = String.valueOf(raw.value);
      for (String item : text.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        int equals = item.indexOf('=');
        if (equals <= 0 || item.substring(0, equals).isBlank()) {
          problem(key, raw, allowed + "; \"" + item.trim() + "\" has no key=value form");
          return remember(key, defaultValue, "default");
        }
        result.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
      }
    }
    return remember(key, Collections.unmodifiableMap(result), raw.source);
  }

  @Override
  public List<Double> getDoubleList(String key, List<Double> defaultValue) {
    Raw raw = resolve(key);
    String allowed = "expected a list of finite numbers (YAML list or comma-separated)";
    if (raw == null) {
      return remember(key, defaultValue, "default");
    }
    List<String> texts = stringList(key, raw, allowed);
    if (texts == null) {
      return remember(key, defaultValue, "default");
    }
    List<Double> values = new ArrayList<>(texts.size());
    for (String text : texts) {
      Double value = parseDouble(text);
      if (value == null) {
        problem(key, raw, allowed + "; \"" + text + "\" is not a number");
        return remember(key, defaultValue, "default");
      }
      values.add(value);
    }
    return remember(key, List.copyOf(values), raw.source);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The same key always returns the same instance, so reads through it are tracked. A key whose
   * value is not a mapping is a problem and yields an empty section.
   */
  @Override
  public SectionConfig section(String key) {
    readKeys.add(key);
    return children.computeIfAbsent(key, k -> {
      Object value = localValue(k);
      if (value != null && !(value instanceof Map)) {
        String full = ConfigInputs.join(path, k);
        inputs.problem(new ConfigProblem(full, display(k, value), "expected a section (a mapping"
            + " of keys), not a single value or list", inputs.sourceOf(full)));
      }
      return new SectionConfig(inputs, ConfigInputs.join(path, k));
    });
  }

  @Override
  public void problem(String key, String message) {
    String full = ConfigInputs.join(path, key);
    String envName = ConfigInputs.envName(full);
    String envValue = inputs.env.get(envName);
    Raw raw;
    if (!inputs.fromBuilder(full) && envValue != null) {
      raw = new Raw(envValue, "env " + envName);
    } else {
      Object value = localValue(key);
      raw = value == null ? null : new Raw(value, inputs.sourceOf(full));
    }
    if (raw == null) {
      inputs.problem(new ConfigProblem(full, null, message, null));
    } else {
      problem(key, raw, message);
    }
  }

  /**
   * The effective value of every key read in this section and its nested sections, keyed by
   * path relative to this section ({@code dsn}, {@code exporter.endpoint}), secrets masked.
   */
  public Map<String, String> describe() {
    Map<String, String> result = new LinkedHashMap<>();
    String prefix = path.isEmpty() ? "" : path + ".";
    for (EffectiveValue value : effectiveValues()) {
      result.put(value.path().substring(prefix.length()), value.value());
    }
    return result;
  }

  /**
   * Like {@link #describe()} with full paths and sources, for a summary that says where each
   * value came from.
   */
  public List<EffectiveValue> effectiveValues() {
    List<EffectiveValue> values;
    synchronized (effective) {
      values = new ArrayList<>(effective.values());
    }
    for (SectionConfig child : children.values()) {
      values.addAll(child.effectiveValues());
    }
    return values;
  }

  /** Where the effective value of {@code key} comes from ({@code default} if unset). */
  public String sourceOf(String key) {
    String full = ConfigInputs.join(path, key);
    String envName = ConfigInputs.envName(full);
    if (!inputs.fromBuilder(full) && inputs.env.containsKey(envName)) {
      return "env " + envName;
    }
    return localValue(key) == null ? "default" : inputs.sourceOf(full);
  }

  /** Reports keys present here (and in nested sections that were read) but never read. */
  void reportUnknownKeys() {
    for (String key : keys()) {
      if (readKeys.contains(key)) {
        SectionConfig child = children.get(key);
        if (child != null) {
          child.reportUnknownKeys();
        }
      } else {
        reportUnknownKey(key, readKeysSnapshot());
      }
    }
  }

  /** Reports {@code key} as unknown, suggesting the closest of {@code candidates}. */
  void reportUnknownKey(String key, Set<String> candidates) {
    String full = ConfigInputs.join(path, key);
    String message = "unknown key";
    String suggestion = Suggestions.closest(key, candidates);
    if (suggestion != null) {
      message += "; did you mean \"" + suggestion + "\"?";
    } else if (!candidates.isEmpty() && candidates.size() <= 20) {
      message += "; known keys here: " + String.join(", ", new java.util.TreeSet<>(candidates));
    }
    inputs.problem(new ConfigProblem(full, null, message, inputs.sourceOf(full)));
  }

  Set<String> readKeysSnapshot() {
    synchronized (readKeys) {
      return new LinkedHashSet<>(readKeys);
    }
  }

  /** Whether {@code key} was read and is a secret. */
  boolean isSecret(String key) {
    return secretKeys.contains(key) || SecretMask.looksSensitive(key);
  }

  // --- resolution -------------------------------------------------------------------------

  private Object localValue(String key) {
    Object node = inputs.node(path);
    return node instanceof Map<?, ?> map ? map.get(key) : null;
  }

  /** Builder, then env, then file/yaml; null if unset (or YAML null). Marks the key read. */
  private Raw resolve(String key) {
    readKeys.add(key);
    String full = ConfigInputs.join(path, key);
    Object local = localValue(key);
    String envName = ConfigInputs.envName(full);
    // Consulted even when the builder wins: the variable names a real key, it is no typo.
    inputs.consultedEnv.add(envName);
    if (local != null && inputs.fromBuilder(full)) {
      return new Raw(local, ConfigInputs.BUILDER);
    }
    String envValue = inputs.env.get(envName);
    if (envValue != null) {
      inputs.appliedEnv.add(envName);
      return new Raw(envValue, "env " + envName);
    }
    return local == null ? null : new Raw(local, inputs.sourceOf(full));
  }

  /** The value as text if it is a scalar, else records {@code allowed} and returns null. */
  private String scalar(String key, Raw raw, String allowed) {
    if (raw.value instanceof Map || raw.value instanceof List) {
      problem(key, raw, allowed);
      return null;
    }
    return String.valueOf(raw.value);
  }

  private List<String> stringList(String key, Raw raw, String allowed) {
    if (raw.value instanceof Map) {
      problem(key, raw, allowed);
      return null;
    }
    List<String> values = new ArrayList<>();
    if (raw.value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map || item instanceof List) {
          problem(key, raw, allowed + "; items must be single values");
          return null;
        }
        if (item != null && !String.valueOf(item).isBlank()) {
          values.add(String.valueOf(item).trim());
        }
      }
    } else {
      for (String item : String.valueOf(raw.value).split(",")) {
        if (!item.isBlank()) {
          values.add(item.trim());
        }
      }
    }
    return List.copyOf(values);
  }

  private static Double parseDouble(String text) {
    try {
      double value = Double.parseDouble(text.trim().replace("_", ""));
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Parses a duration, or returns null. Package-private for tests of the grammar. */
  static Duration parseDuration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
        Duration iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        return iso.isNegative() ? null : iso;
      }
      if (trimmed.matches("\\d+(\\.\\d+)?")) {
        return nanos(new BigDecimal(trimmed), 1_000_000L);
      }
      Matcher matcher = DURATION.matcher(trimmed);
      if (!matcher.matches()) {
        return null;
      }
      long unitNanos = switch (matcher.group(2)) {
        case "ns" -> 1L;
        case "us" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> 86_400_000_000_000L;
      };
      return nanos(new BigDecimal(matcher.group(1)), unitNanos);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /** Whether {@code text} is a well-formed duration too long for a Duration in nanoseconds. */
  private static boolean tooLong(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (!t.startsWith("P")) {
      return text.trim().matches("\\d{12,}(\\.\\d+)?\\s*(ns|us|ms|s|m|h|d)?");
    }
    try {
      Duration.parse(t);
      return false;
    } catch (DateTimeParseException e) {
      return e.getCause() instanceof ArithmeticException;
    }
  }

  private static Duration nanos(BigDecimal amount, long unitNanos) {
    BigDecimal total = amount.multiply(BigDecimal.valueOf(unitNanos));
    return Duration.ofNanos(total.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
  }

  // --- problems and effective values ------------------------------------------------------

  private void problem(String key, Raw raw, String message) {
    String full = ConfigInputs.join(path, key);
    inputs.problem(new ConfigProblem(full, display(key, raw.value), message, raw.source));
  }

  private String display(String key, Object value) {
    String text;
    if (value instanceof List<?> list) {
      text = list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    } else if (value instanceof Map<?, ?> map) {
      text = map.entrySet().stream()
          .map(e -> e.getKey() + "=" + (SecretMask.looksSensitive(String.valueOf(e.getKey()))
              ? SecretMask.MASK : String.valueOf(e.getValue())))
          .collect(Collectors.joining(", ", "{", "}"));
    } else {
      text = String.valueOf(value);
    }
    if (isSecret(key)) {
      return value instanceof Map || value instanceof List ? SecretMask.MASK
          : SecretMask.mask(text);
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private <T> T remember(String key, T value, String source) {
    String full = ConfigInputs.join(path, key);
    effective.put(key, new EffectiveValue(full, value == null ? "" : display(key, value), source));
    return value;
  }

  private static String withSuggestion(String allowed, String value, List<String> candidates) {
    String suggestion = Suggestions.closest(value, candidates);
    return suggestion == null ? allowed : allowed + "; did you mean \"" + suggestion + "\"?";
  }
}
