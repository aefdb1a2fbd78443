package dev.obskit.it.workload;

/** The failure the workload's evaluation stage throws, so that an error is captured inside a span. */
public final class EvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EvaluationException(String message) {
    super(message);
  }
}
