package dev.obskit.core.config;

/**
 * One key's effective value as a getter returned it, for the effective-configuration summary.
 *
 * @param path the full dotted path ({@code sentry.dsn})
 * @param value the value as text; masked if the key is a secret
 * @param source {@code default}, {@code builder}, {@code env OBS_...}, {@code file F:line} or
 *     {@code yaml:line}
 */
public record EffectiveValue(String path, String value, String source) {}
