package dev.obskit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Remembered verdicts give the same answers as matching, and the memory stays bounded. */
class DefaultScrubberMemoTest {
  private final DefaultScrubber scrubber = new DefaultScrubber(List.of("password", "api_key", "token"));

  @Test
  void aRememberedVerdictIsTheMatchedOne() {
    for (int round = 0; round < 3; round++) {
      assertThat(scrubber.isSensitiveKey("db.Password")).isTrue();
      assertThat(scrubber.isSensitiveKey("X-Api-Key")).isTrue();
      assertThat(scrubber.isSensitiveKey("tokens_used")).isTrue();
      assertThat(scrubber.isSensitiveKey("question.type")).isFalse();
      assertThat(scrubber.isSensitiveKey(null)).isFalse();
    }
    assertThat(scrubber.rememberedKeys()).isEqualTo(4);
  }

  @Test
  void unboundedKeysStopBeingRememberedButAreStillMatched() {
    int many = DefaultScrubber.MAX_REMEMBERED_KEYS + 500;
    for (int i = 0; i < many; i++) {
      assertThat(scrubber.isSensitiveKey("user_" + i + "_password")).isTrue();
      assertThat(scrubber.isSensitiveKey("user_" + i + "_name")).isFalse();
    }
    assertThat(scrubber.rememberedKeys()).isEqualTo(DefaultScrubber.MAX_REMEMBERED_KEYS);
    assertThat(scrubber.isSensitiveKey("late_password")).isTrue();
    assertThat(scrubber.isSensitiveKey("late_name")).isFalse();
  }

  @Test
  void withoutConfiguredKeysNothingIsSensitiveAndNothingIsRemembered() {
    DefaultScrubber none = new DefaultScrubber(List.of());
    assertThat(none.isSensitiveKey("password")).isFalse();
    assertThat(none.rememberedKeys()).isZero();
  }

  @Test
  void longKeysAreMatchedButNotRemembered() {
    String longSecret = "x".repeat(DefaultScrubber.MAX_REMEMBERED_KEY_LENGTH) + "_password";
    String longPlain = "y".repeat(100_000);
    for (int round = 0; round < 2; round++) {
      assertThat(scrubber.isSensitiveKey(longSecret)).isTrue();
      assertThat(scrubber.isSensitiveKey(longPlain)).isFalse();
    }
    assertThat(scrubber.rememberedKeys()).isZero();
  }
}
