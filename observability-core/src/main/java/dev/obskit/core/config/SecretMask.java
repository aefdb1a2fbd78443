package dev.obskit.core.config;

import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.SdkSettings;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Masks secret values for problems and the effective-configuration summary. A URL-like value
 * (a Sentry DSN) keeps its scheme, host, port and path so that a reader can tell where data goes,
 * but loses its credentials: {@code http://KEY@127.0.0.1:8969/0} becomes {@code
 * http://****@127.0.0.1:8969/0}. Anything else becomes {@code ****}. Never the value itself.
 */
public final class SecretMask {
  /** What replaces a secret or the secret part of a URL. */
  public static final String MASK = "****";

  /**
   * Judges configuration keys by the scrubber's default keys, not the configured ones: a
   * configuration that replaces {@code scrubbing.keys} must not unmask its own secrets.
   */
  private static final DefaultScrubber DEFAULT_KEYS = new DefaultScrubber(SdkSettings.DEFAULT_SCRUB_KEYS);

  private SecretMask() {}

  /** The masked form of {@code secret}; the empty string stays empty (it means "not set"). */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return secret;
    }
    if (!secret.contains("://")) {
      return MASK;
    }
    try {
      URI uri = new URI(secret.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return MASK;
      }
      StringBuilder masked = new StringBuilder(uri.getScheme()).append("://");
      if (uri.getRawUserInfo() != null) {
        masked.append(MASK).append('@');
      }
      masked.append(uri.getHost());
      if (uri.getPort() >= 0) {
        masked.append(':').append(uri.getPort());
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (uri.getRawUserInfo() != null) {
        // With the credentials in the user part, the path is a project id (Sentry), not secret.
        masked.append(path);
      } else if (!path.isEmpty() && !path.equals("/")) {
        masked.append('/').append(MASK);
      }
      if (uri.getRawQuery() != null) {
        masked.append('?').append(MASK);
      }
      return masked.toString();
    } catch (URISyntaxException e) {
      return MASK;
    }
  }

  /**
   * Whether a key's name suggests a secret even if nobody read it with {@code getSecret}
   * ({@code api_key}, {@code Authorization}, {@code client_secret}, ...): it contains one of
   * {@link SdkSettings#DEFAULT_SCRUB_KEYS}, ignoring case, {@code _}, {@code -} and {@code .}.
   */
  public static boolean looksSensitive(String key) {
    return DEFAULT_KEYS.isSensitiveKey(key);
  }
}
