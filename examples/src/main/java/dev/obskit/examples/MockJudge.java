package dev.obskit.examples;

/** Stands in for an LLM judge that answers with a score as text; one answer is garbage. */
final class MockJudge {
  private final int garbledItem;

  MockJudge(int garbledItem) {
    this.garbledItem = garbledItem;
  }

  /** Scores a question; throws {@link EvaluationParseException} for the garbled item. */
  double evaluate(Question q) {
    String answer = q.index() == garbledItem ? "I think it is a good question!" : "0." + (6 + q.index() % 4);
    try {
      return Double.parseDouble(answer);
    } catch (NumberFormatException e) {
      throw new EvaluationParseException(answer, e);
    }
  }
}
