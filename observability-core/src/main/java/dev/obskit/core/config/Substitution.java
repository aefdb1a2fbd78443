package dev.obskit.core.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in YAML string values. <code>$${</code> is a literal
 * <code>${</code>. An unset variable without default becomes the empty string, so that {@code dsn:
 * ${SENTRY_DSN}} without the variable disables a backend rather than failing; like the shell, the
 * default also applies when the variable is set but empty.
 */
final class Substitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Substitution() {}

  /**
   * Substitutes {@code text}; reports malformed references (unterminated, bad name) to {@code
   * problems} and leaves them as written.
   */
  static String apply(String text, Map<String, String> env, Consumer<String> problems) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          problems.accept("unterminated \"${\": write ${NAME} or ${NAME:-default}, or $${ for a"
              + " literal ${");
          out.append(text, i, text.length());
          break;
        }
        String expression = text.substring(i + 2, end);
        int colon = expression.indexOf(":-");
        String name = colon < 0 ? expression : expression.substring(0, colon);
        String fallback = colon < 0 ? null : expression.substring(colon + 2);
        if (!NAME.matcher(name).matches()) {
          problems.accept("\"${" + expression + "}\" is not a valid variable reference: the name"
              + " must match [A-Za-z_][A-Za-z0-9_]*");
          out.append(text, i, end + 1);
        } else {
          String value = env.get(name);
          if (value == null || (value.isEmpty() && fallback != null)) {
            value = fallback == null ? "" : fallback;
          }
          out.append(value);
        }
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
