package dev.obskit.core;

import java.util.List;

/** Thrown by {@code build()} when the configuration has problems; lists every one of them. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  /** An exception listing {@code problems}. */
  public ConfigurationException(List<ConfigProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    StringBuilder sb = new StringBuilder("Invalid observability configuration (")
        .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    for (ConfigProblem p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
