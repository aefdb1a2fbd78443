package dev.obskit.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.SpanContext;
import dev.obskit.api.User;
import dev.obskit.api.spi.Backend;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.api.spi.Signal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ConsoleErrorAndEventTest {
  private static final SpanContext SPAN =
      SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");

  private final Captured out = new Captured();

  private Backend backend(Map<String, ?> config) {
    return BackendHarness.create(new ConsoleBackendProvider(out.stream), config, EnumSet.allOf(Signal.class), true).backend();
  }

  private static Throwable deepError() {
    return recurse(10);
  }

  private static Throwable recurse(int depth) {
    return depth == 0 ? new IllegalStateException("provider timed out", new IOException("read timed out")) : recurse(depth - 1);
  }

  @Test
  void printsOneBlockWithLevelTypeMessageTraceUserTagsContextAndTopFrames() {
    Backend backend = backend(Map.of("color", "never", "stack_frames", 3));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("provider", "openai");
    context.put("api_key", "sk-live-123");
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.builder(deepError())
        .level(Level.ERROR)
        .context(context)
        .tag("stage", "generate")
        .user(User.id("42"))
        .namedContext("request", Map.of("path", "/v1/questions"))
        .fingerprint("llm-timeout")
        .spanContext(SPAN)
        .timestampMillis(1_700_000_000_123L)
        .build());

    String text = out.text();
    String[] lines = text.split(System.lineSeparator());
    assertThat(lines[0]).endsWith("ERROR   java.lang.IllegalStateException: provider timed out");
    assertThat(text).contains("  trace    4bf92f3577b34da6a3ce929d0e0e4736  span 00f067aa0ba902b7")
        .contains("  user     42")
        .contains("  tags     stage=generate")
        .contains("  context  provider=openai, api_key=[Filtered]")
        .doesNotContain("sk-live-123")
        .contains("  request  path=/v1/questions")
        .contains("  group    llm-timeout")
        .contains("  caused by java.io.IOException: read timed out");
    long topFrames = text.lines().takeWhile(l -> !l.contains("caused by")).filter(l -> l.startsWith("      at ")).count();
    assertThat(topFrames).isEqualTo(3);
    assertThat(text).contains("      at dev.obskit.backend.console.ConsoleErrorAndEventTest.recurse")
        .containsPattern("      \\.\\.\\. \\d+ more");
  }

  @Test
  void defaultsToFiveFramesAndPrintsAMessageWithoutTraceWhenNoSpanIsCurrent() {
    Backend backend = backend(Map.of("color", "never"));
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.builder(deepError()).level(Level.WARNING).build());
    String text = out.text();
    assertThat(text.lines().takeWhile(l -> !l.contains("caused by")).filter(l -> l.startsWith("      at "))).hasSize(5);
    assertThat(text).contains("WARNING").doesNotContain("trace ");

    out.reset();
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.message("disk almost full").level(Level.INFO).build());
    assertThat(out.text()).endsWith("INFO    disk almost full" + System.lineSeparator());
  }

  @Test
  void eventIsOneLineWithNameDataAndTraceId() {
    Backend backend = backend(Map.of("color", "never"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("stage", "dedup");
    data.put("password", "hunter2");
    backend.sinks().events().orElseThrow().recordEvent("pipeline.stage_done", data, SPAN, 1_700_000_000_000L);
    assertThat(out.text()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} EVENT   pipeline\\.stage_done "
        + "\\{stage=dedup, password=\\[Filtered]}  trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7\\R");

    out.reset();
    backend.sinks().events().orElseThrow().recordEvent("started", Map.of(), SpanContext.invalid(), 1_700_000_000_000L);
    assertThat(out.text()).endsWith("EVENT   started" + System.lineSeparator());
  }

  @Test
  void colourIsOffWhenNotATerminalAndOnWhenForced() {
    // Under surefire System.console() is null: auto means no escape codes.
    Backend auto = backend(Map.of());
    auto.sinks().errors().orElseThrow().capture(ErrorEvent.builder(new RuntimeException("x")).spanContext(SPAN).build());
    assertThat(out.text()).doesNotContain("\u001b[");
    assertThat(auto.describe()).containsEntry("color", "auto (off)");

    out.reset();
    Backend always = backend(Map.of("color", "always"));
    always.sinks().errors().orElseThrow().capture(ErrorEvent.builder(new RuntimeException("x")).build());
    assertThat(out.text()).contains("\u001b[1;31mERROR");
  }

  @Test
  void aFailingStreamIsCountedAndNeverThrows() {
    PrintStream broken = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    }, true);
    BackendHarness.Created created =
        BackendHarness.create(new ConsoleBackendProvider(broken), Map.of("color", "never"), EnumSet.allOf(Signal.class), true);
    Backend backend = created.backend();
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.builder(new RuntimeException("x")).build());
    backend.sinks().events().orElseThrow().recordEvent("e", Map.of(), SpanContext.invalid(), 0);
    assertThat(created.selfMetrics().get("console.write_failures")).isEqualTo(2);
  }

  @Test
  void concurrentBlocksNeverInterleave() throws Exception {
    Backend backend = backend(Map.of("color", "never", "stack_frames", 20));
    int threads = 4;
    int perThread = 50;
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      String who = "worker" + t;
      workers[t] = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          backend.sinks().errors().orElseThrow().capture(ErrorEvent.builder(deepError()).tag("who", who).build());
        }
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    String[] blocks = out.text().split("(?m)^(?=\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR)");
    assertThat(blocks).hasSize(threads * perThread);
    for (String block : blocks) {
      // header, tags, 12 frames + "more" line is never reached (20 > depth), cause + its frames
      assertThat(block.lines().filter(l -> l.contains(" ERROR "))).hasSize(1);
      assertThat(block).containsPattern("tags     who=worker\\d").contains("caused by java.io.IOException");
    }
  }
}
