package dev.obskit.api.spi;

import java.util.Map;

/**
 * Removes secrets before data leaves the process. Keys match case-insensitively and ignoring
 * {@code -}, {@code _} and {@code .}: {@code apiKey}, {@code api_key} and {@code X-Api-Key} all
 * match {@code api_key}. A backend gets the SDK's scrubber from {@link BackendContext#scrubber()},
 * or one that also knows keys of the backend's own settings from {@link
 * BackendContext#scrubber(java.util.Collection)}.
 */
public interface Scrubber {
  /** The value that replaces a secret. */
  String FILTERED = "[Filtered]";

  /** Whether {@code key} names a secret. */
  boolean isSensitiveKey(String key);

  /**
   * A copy of {@code values} in which the value of every sensitive key, at any depth of nested
   * maps, lists and arrays, is replaced by {@link #FILTERED}. Never throws on cyclic or huge
   * structures: a container inside itself, or beyond the size or depth bound, is replaced by a
   * marker.
   */
  Map<String, Object> scrub(Map<String, ?> values);

  /**
   * Whether {@link #scrub} would leave {@code values} as they are: every value under a sensitive
   * key, at any depth, is {@link #FILTERED} already and nothing would be cut or converted. Lets a
   * backend keep data that reached it scrubbed instead of copying it again.
   */
  boolean isClean(Map<String, ?> values);

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

      @Override
      public boolean isClean(Map<String, ?> values) {
        return true;
      }
    };
  }
}
