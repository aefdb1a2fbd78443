package dev.obskit.examples;

import java.util.List;
import java.util.Random;

/**
 * Stands in for an LLM question generator. Deterministic for a seed: the same items time out and
 * the same texts repeat on every run, so the demo's output and its test agree.
 */
final class MockGenerator {
  static final String PROVIDER = "mock-llm";
  static final List<String> TYPES = List.of("math", "verbal", "spatial");
  private static final String[] TEXTS = {
    "What is 17 * 23?",
    "Which word does not belong: apple, pear, carrot, plum?",
    "How many faces does a cube have?",
    "Complete the series 2, 6, 12, 20, ?",
    "Rotate the L shape 90 degrees clockwise: which figure results?",
  };

  private final Random random;
  private final int timeoutItem;
  private final int duplicateOf;
  private final int duplicateItem;

  /**
   * @param seed seeds latencies and texts
   * @param timeoutItem the item whose generation times out
   * @param duplicateItem the item that repeats the text of {@code duplicateOf}
   */
  MockGenerator(long seed, int timeoutItem, int duplicateItem, int duplicateOf) {
    this.random = new Random(seed);
    this.timeoutItem = timeoutItem;
    this.duplicateItem = duplicateItem;
    this.duplicateOf = duplicateOf;
  }

  /** A simulated provider latency in milliseconds (2..9). */
  synchronized long latencyMillis() {
    return 2 + random.nextInt(8);
  }

  Question generate(int index) {
    if (index == timeoutItem) {
      throw new ProviderTimeoutException(PROVIDER, 30_000);
    }
    int textIndex = index == duplicateItem ? duplicateOf : index;
    String type = TYPES.get(textIndex % TYPES.size());
    return new Question(index, type, TEXTS[textIndex % TEXTS.length], -1);
  }
}
