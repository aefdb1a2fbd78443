package dev.obskit.backend.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleTest {
  @Test
  void autoColoursOnlyAnInteractiveCapableTerminal() {
    assertThat(Style.resolve("auto", true, Map.of("TERM", "xterm-256color")).enabled()).isTrue();
    assertThat(Style.resolve("auto", false, Map.of("TERM", "xterm-256color")).enabled()).isFalse();
    assertThat(Style.resolve("auto", true, Map.of("TERM", "dumb")).enabled()).isFalse();
    assertThat(Style.resolve("auto", true, Map.of("TERM", "xterm", "NO_COLOR", "")).enabled()).isFalse();
    assertThat(Style.resolve("auto", true, Map.of()).enabled()).isTrue();
  }

  @Test
  void alwaysAndNeverIgnoreTheTerminal() {
    assertThat(Style.resolve("always", false, Map.of("NO_COLOR", "1")).enabled()).isTrue();
    assertThat(Style.resolve("never", true, Map.of("TERM", "xterm")).enabled()).isFalse();
    assertThat(Style.plain().red("x")).isEqualTo("x");
    assertThat(Style.colored().red("x")).isEqualTo("\u001b[31mx\u001b[0m");
  }
}
