package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.SdkSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {
  private final DefaultScrubber scrubber = new DefaultScrubber(SdkSettings.DEFAULT_SCRUB_KEYS);

  @Test
  void keysMatchIgnoringCaseAndSeparators() {
    assertThat(scrubber.isSensitiveKey("apiKey")).isTrue();
    assertThat(scrubber.isSensitiveKey("api_key")).isTrue();
    assertThat(scrubber.isSensitiveKey("X-Api-Key")).isTrue();
    assertThat(scrubber.isSensitiveKey("db.PASSWORD")).isTrue();
    assertThat(scrubber.isSensitiveKey("Set-Cookie")).isTrue();
    assertThat(scrubber.isSensitiveKey("SENTRY_DSN")).isTrue();
    assertThat(scrubber.isSensitiveKey("question_type")).isFalse();
    assertThat(scrubber.isSensitiveKey(null)).isFalse();
  }

  @Test
  void nestedMapsListsAndArraysAreScrubbedWithoutTouchingTheInput() {
    Map<String, Object> input = Map.of("outer", Map.of("token", "t", "list", List.of(Map.of("secret", "s"), 3)),
        "arr", new Object[] {Map.of("password", "p")}, "keep", "v");
    Map<String, Object> out = scrubber.scrub(input);
    assertThat(out.get("outer")).isEqualTo(Map.of("token", Scrubber.FILTERED,
        "list", List.of(Map.of("secret", Scrubber.FILTERED), 3)));
    assertThat(out.get("arr")).isEqualTo(List.of(Map.of("password", Scrubber.FILTERED)));
    assertThat(out).containsEntry("keep", "v");
    assertThat(((Map<?, ?>) input.get("outer")).get("token")).isEqualTo("t");
  }

  @Test
  void keysOfAnyTypeAndTheNullKeyAreReadAsText() {
    Map<Object, Object> odd = new java.util.HashMap<>();
    odd.put(null, "n");
    odd.put(42, "answer");
    odd.put(new StringBuilder("Api-Key"), "k");
    Map<String, Object> out = scrubber.scrub(Map.of("odd", odd));
    assertThat(out.get("odd")).isEqualTo(Map.of("null", "n", "42", "answer", "Api-Key", Scrubber.FILTERED));
    assertThat(scrubber.isClean(Map.of("odd", odd))).isFalse();
  }

  @Test
  void extraKeysAddToTheConfiguredOnesAndLeaveTheOriginalAsItWas() {
    DefaultScrubber sentry = scrubber.withKeys(List.of("order-ref", "-"));
    assertThat(sentry.isSensitiveKey("X-Order-Ref")).isTrue();
    assertThat(sentry.isSensitiveKey("password")).isTrue();
    assertThat(sentry.isSensitiveKey("region")).isFalse();
    assertThat(scrubber.isSensitiveKey("X-Order-Ref")).isFalse();
    assertThat(scrubber.withKeys(List.of())).isSameAs(scrubber);
  }

  @Test
  void alreadyFilteredDataIsCleanWhileArraysNonFiniteNumbersAndUnfilteredSecretsAreNot() {
    assertThat(scrubber.isClean(Map.of("password", Scrubber.FILTERED, "nested", Map.of("n", 1, "l", List.of("a")))))
        .isTrue();
    assertThat(scrubber.isClean(Map.of("nested", List.of(Map.of("token", "t"))))).isFalse();
    assertThat(scrubber.isClean(Map.of("a", new Object[] {"x"}))).isFalse();
    assertThat(scrubber.isClean(Map.of("ratio", Double.NaN))).isFalse();
    assertThat(scrubber.isClean(null)).isTrue();
  }

  @Test
  void configuredKeysReplaceTheDefaults() {
    DefaultScrubber custom = new DefaultScrubber(List.of("ssn"));
    assertThat(custom.isSensitiveKey("user-SSN")).isTrue();
    assertThat(custom.isSensitiveKey("password")).isFalse();
  }

  @Test
  void keyMatchingAgreesWithNormalizingThenSearching() {
    // isSensitiveKey matches without building the normalised key; it must agree with the definition.
    java.util.Random random = new java.util.Random(42);
    String alphabet = "aKpiEyTOKENsecret-_.xİß";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder key = new StringBuilder();
      int len = random.nextInt(14);
      for (int c = 0; c < len; c++) {
        key.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextInt(4) == 0) {
        key.insert(random.nextInt(key.length() + 1), random.nextBoolean() ? "Api-Key" : "to.ken");
      }
      String k = key.toString();
      boolean expected = SdkSettings.DEFAULT_SCRUB_KEYS.stream()
          .map(n -> n.replace("-", "").replace("_", "").replace(".", "").toLowerCase(java.util.Locale.ROOT))
          .filter(n -> !n.isEmpty())
          .anyMatch(n -> k.replace("-", "").replace("_", "").replace(".", "").toLowerCase(java.util.Locale.ROOT)
              .contains(n));
      assertThat(scrubber.isSensitiveKey(k)).as(k).isEqualTo(expected);
    }
  }
}
