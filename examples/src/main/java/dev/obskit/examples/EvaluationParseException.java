package dev.obskit.examples;

/** The (simulated) judge answered something that is not a score. */
public final class EvaluationParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception quoting the unparsable answer. */
  public EvaluationParseException(String answer, Throwable cause) {
    super("judge answer is not a score: '" + answer + "'", cause);
  }
}
