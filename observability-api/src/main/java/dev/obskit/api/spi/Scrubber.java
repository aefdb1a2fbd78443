package dev.obskit.api.spi;

import java.util.Map;

/**
 * Removes secrets before data leaves the process. Keys match case-insensitively and ignoring
 * {@code -}, {@code _} and {@code .}: {@code apiKey}, {@code api_key} and {@code X-Api-Key} all
 * match {@code api_key}.
 */
public interface Scrubber {
  /** The value that replaces a secret. */
  String FILTERED = "[Filtered]";

  /** Whether {@code key} names a secret. */
  boolean isSensitiveKey(String key);

  /**
   * A copy of {@code values} in which the value of every sensitive key, at any depth of nested
   * maps and lists, is replaced by {@link #FILTERED}.
   */
  Map<String, Object> scrub(Map<String, ?> values);

  /** A scrubber that scrubs nothing. */
  static Scrubber none() {
    return new Scrubber() {
      @Override
      public boolean isSensitiveKey(String key) {
        return false;
      }

      @Override
      public Map<String, Object> scrub(Map<String, ?> values) {
        return new java.util.LinkedHashMap<>(values);
      }
    };
  }
}
