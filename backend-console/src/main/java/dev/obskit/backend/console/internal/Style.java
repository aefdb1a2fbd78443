package dev.obskit.backend.console.internal;

import java.util.Map;

/**
 * ANSI colouring, or none. Decided once at creation: {@code auto} colours only an interactive
 * terminal, honouring {@code TERM=dumb} and the {@code NO_COLOR} convention (no-color.org).
 */
public final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  private Style(boolean enabled) {
    this.enabled = enabled;
  }

  /** A style that never colours. */
  public static Style plain() {
    return new Style(false);
  }

  /** A style that always colours. */
  public static Style colored() {
    return new Style(true);
  }

  /**
   * Resolves the {@code color} setting.
   *
   * @param choice {@code auto}, {@code always} or {@code never}
   * @param interactive whether {@code System.console() != null}
   * @param env the process environment
   */
  public static Style resolve(String choice, boolean interactive, Map<String, String> env) {
    switch (choice) {
      case "always":
        return colored();
      case "never":
        return plain();
      default:
        String term = env.get("TERM");
        boolean dumb = term != null && term.equalsIgnoreCase("dumb");
        return new Style(interactive && !dumb && !env.containsKey("NO_COLOR"));
    }
  }

  /** Whether escape codes are emitted. */
  public boolean enabled() {
    return enabled;
  }

  String red(String s) {
    return wrap("\u001b[31m", s);
  }

  String boldRed(String s) {
    return wrap("\u001b[1;31m", s);
  }

  String yellow(String s) {
    return wrap("\u001b[33m", s);
  }

  String cyan(String s) {
    return wrap("\u001b[36m", s);
  }

  String dim(String s) {
    return wrap("\u001b[2m", s);
  }

  String bold(String s) {
    return wrap("\u001b[1m", s);
  }

  private String wrap(String code, String s) {
    return enabled ? code + s + RESET : s;
  }
}
