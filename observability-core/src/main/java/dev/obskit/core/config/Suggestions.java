package dev.obskit.core.config;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean X?" for misspelt keys and names. */
public final class Suggestions {
  private Suggestions() {}

  /** The closest candidate if it is close enough to be a likely typo, else null. */
  public static String closest(String input, Collection<String> candidates) {
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

  /**
   * Edit distance counting an insertion, deletion, substitution or swap of two neighbouring
   * characters as one edit (optimal string alignment): "nmae" is one edit from "name".
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
