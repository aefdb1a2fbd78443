package dev.obskit.backend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.core.ConfigurationException;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleBackendProviderTest {
  @Test
  void readsEverySupportedKey() {
    Backend backend = BackendHarness.create(new ConsoleBackendProvider(), Map.of("output", "stdout", "color", "never",
        "stack_frames", 2, "metrics", "each", "max_spans_per_trace", 10, "max_open_traces", 5),
        EnumSet.allOf(Signal.class), true).backend();
    assertThat(backend.name()).isEqualTo("console");
    assertThat(backend.describe()).containsEntry("output", "stdout").containsEntry("metrics", "each")
        .containsEntry("stack_frames", "2").containsEntry("color", "never")
        .containsEntry("max_spans_per_trace", "10").containsEntry("max_open_traces", "5");
  }

  @Test
  void reportsEveryBadValueAndUnknownKeyAtOnce() {
    assertThatThrownBy(() -> BackendHarness.create(new ConsoleBackendProvider(),
        Map.of("output", "file", "metrics", "sometimes", "stack_frames", -1, "colour", "never"),
        EnumSet.allOf(Signal.class), true))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(4))
        .hasMessageContaining("console.output").hasMessageContaining("file")
        .hasMessageContaining("console.metrics").hasMessageContaining("sometimes")
        .hasMessageContaining("console.stack_frames")
        .hasMessageContaining("console.colour");
  }
}
