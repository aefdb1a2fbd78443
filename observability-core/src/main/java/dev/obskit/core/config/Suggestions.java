package dev.obskit.core.config;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean X?" for misspelt keys and names. */
final class Suggestions {
  private Suggestions() {}

  /** The closest candidate if it is close enough to be a likely typo, else null. */
  static String closest(String input, Collection<String> candidates) {
    String normalizedInput = normalize(input);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(input)) {
        continue;
      }
      // camelCase / kebab-case spellings of a snake_case key are the same key to a human.
      int distance = normalize(candidate).equals(normalizedInput)
          ? 0
          : distance(input.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return null;
    }
    int allowed = Math.max(1, Math.min(3, Math.max(input.length(), best.length()) / 3));
    return bestDistance <= allowed ? best : null;
  }

  private static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
