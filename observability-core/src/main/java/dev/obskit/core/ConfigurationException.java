package dev.obskit.core;

import java.util.List;

/**
 * The configuration is invalid. Thrown once at build time with every problem found, so a user
 * fixes all of them in one round. The message is one header line followed by one line per
 * problem (path, bad value, source, what is allowed).
 */
public class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /**
   * Creates an exception listing {@code problems}.
   *
   * @param problems at least one problem
   */
  public ConfigurationException(List<ConfigProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(List<ConfigProblem> problems) {
    StringBuilder text = new StringBuilder("Invalid observability configuration (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem):" : " problems):");
    for (ConfigProblem problem : problems) {
      text.append("\n  - ").append(problem);
    }
    return text.toString();
  }
}
