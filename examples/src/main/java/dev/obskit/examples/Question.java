package dev.obskit.examples;

/**
 * A generated question.
 *
 * @param index position in the run (0-based)
 * @param type the question type ({@code math}, {@code verbal}, {@code spatial})
 * @param text the question text
 * @param score the judge's score, or -1 before evaluation
 */
public record Question(int index, String type, String text, double score) {
  /** This question with a score. */
  public Question scored(double newScore) {
    return new Question(index, type, text, newScore);
  }
}
