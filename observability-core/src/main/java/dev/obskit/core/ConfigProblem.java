package dev.obskit.core;

/**
 * One thing wrong with the configuration.
 *
 * @param path the dotted key path (for example {@code sentry.traces_sample_rate}); empty for a
 *     problem with a whole source (a missing file, malformed YAML)
 * @param value the offending value as text, already masked when the key is a secret; {@code null}
 *     when there is no single value to show (an unknown key, a missing file)
 * @param message what is wrong and what is allowed
 * @param source where the value came from ({@code file config/observability.yaml:12}, {@code env
 *     OBS_ROUTING_TRACES}, {@code builder}, {@code yaml:3}); {@code null} if unknown
 */
public record ConfigProblem(String path, String value, String message, String source) {

  /** One line: {@code path = "value" (source): message}. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder();
    line.append(path == null || path.isEmpty() ? "configuration" : path);
    if (value != null) {
      line.append(" = \"").append(value).append('"');
    }
    if (source != null && !source.isEmpty()) {
      line.append(" (").append(source).append(')');
    }
    return line.append(": ").append(message).toString();
  }
}
