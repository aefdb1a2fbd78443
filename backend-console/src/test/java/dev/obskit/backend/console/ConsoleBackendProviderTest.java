package dev.obskit.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConsoleBackendProviderTest {
  @Test
  void isDiscoveredThroughServiceLoaderAsConsole() {
    List<String> names = ServiceLoader.load(BackendProvider.class).stream()
        .map(p -> p.get().name()).collect(Collectors.toList());
    assertThat(names).contains("console");
  }

  @Test
  void readsEverySupportedKeyAndReportsBadValues() {
    TestContext context = new TestContext(Map.of("output", "stdout", "color", "never", "stack_frames", 2,
        "metrics", "each", "max_spans_per_trace", 10, "max_open_traces", 5), true);
    Backend backend = new ConsoleBackendProvider().create(context);
    assertThat(context.unreadKeys()).isEmpty();
    assertThat(context.problems).isEmpty();
    assertThat(backend.name()).isEqualTo("console");
    assertThat(backend.describe()).containsEntry("output", "stdout").containsEntry("metrics", "each")
        .containsEntry("stack_frames", "2").containsEntry("color", "never");
    assertThat(backend.errorSink()).isNotNull();
    assertThat(backend.spanSink()).isNotNull();
    assertThat(backend.eventSink()).isNotNull();

    TestContext bad = new TestContext(Map.of("output", "file", "metrics", "sometimes", "stack_frames", -1), true);
    new ConsoleBackendProvider().create(bad);
    assertThat(bad.problems).hasSize(3).anySatisfy(p -> assertThat(p).startsWith("console.output: 'file'"));
  }
}
