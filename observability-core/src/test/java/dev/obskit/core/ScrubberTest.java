package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.config.CoreSettings;
import dev.obskit.core.internal.DefaultScrubber;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {
  private final DefaultScrubber scrubber = new DefaultScrubber(CoreSettings.DEFAULT_SCRUB_KEYS);

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
  void configuredKeysReplaceTheDefaults() {
    DefaultScrubber custom = new DefaultScrubber(List.of("ssn"));
    assertThat(custom.isSensitiveKey("user-SSN")).isTrue();
    assertThat(custom.isSensitiveKey("password")).isFalse();
  }
}
