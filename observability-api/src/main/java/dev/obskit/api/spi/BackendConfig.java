package dev.obskit.api.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backend's configuration section, merged from defaults, the YAML file, environment
 * overrides and the programmatic builder (builder > env > file > defaults).
 *
 * <p>Getters never throw on bad input: they record a problem (with the full path, the bad value
 * and what is allowed) and return the default, so that every problem is reported at once when
 * creation ends. Keys a backend never reads are reported as unknown: read every key you
 * support, even when you do not need its value.
 *
 * <p>Keys are snake_case. The environment override of key {@code k} in section {@code s} is
 * {@code OBS_S_K} upper-cased (for example {@code OBS_SENTRY_TRACES_SAMPLE_RATE}).
 */
public interface BackendConfig {
  /** The dotted path of this section ({@code sentry}, {@code otel.exporter}). */
  String path();

  /** Whether {@code key} has a value from any source. */
  boolean has(String key);

  /** The keys present in this section (from any source). */
  Set<String> keys();

  /** A string value. */
  String getString(String key, String defaultValue);

  /** A string that is a secret (DSN, token): masked in the summary and in problems. */
  String getSecret(String key, String defaultValue);

  /** One of {@code allowed} (case-insensitive, returned lower-case). */
  String getChoice(String key, String defaultValue, String... allowed);

  /** A boolean ({@code true}/{@code false}). */
  boolean getBoolean(String key, boolean defaultValue);

  /** An integer within [min, max]. */
  int getInt(String key, int defaultValue, int min, int max);

  /** A finite double within [min, max]. */
  double getDouble(String key, double defaultValue, double min, double max);

  /** A duration: {@code 250ms}, {@code 5s}, {@code 1m}, or a bare number of milliseconds. */
  Duration getDuration(String key, Duration defaultValue);

  /** A list of strings (YAML list, or comma-separated in an environment variable). */
  List<String> getStringList(String key, List<String> defaultValue);

  /** A map of strings (YAML map, or {@code k=v,k2=v2} in an environment variable). */
  Map<String, String> getStringMap(String key, Map<String, String> defaultValue);

  /** A list of finite doubles (YAML list or comma-separated). */
  List<Double> getDoubleList(String key, List<Double> defaultValue);

  /** A nested section; empty if absent. */
  BackendConfig section(String key);

  /** Reports a problem the backend found itself (for example a malformed DSN). */
  void problem(String key, String message);
}
