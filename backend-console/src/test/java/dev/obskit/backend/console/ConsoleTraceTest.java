package dev.obskit.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import java.time.Duration;
import java.util.Map;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.api.spi.Signal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ConsoleTraceTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final long MS = 1_000_000L;

  private final Captured out = new Captured();
  private BackendHarness.Created created;

  private SpanSink sink(boolean primary, Map<String, ?> config) {
    created = BackendHarness.create(new ConsoleBackendProvider(out.stream), config, EnumSet.allOf(Signal.class), primary);
    return created.backend().sinks().traces().orElseThrow();
  }

  private static SpanHandle start(SpanSink sink, String name, SpanContext parent, long startMs) {
    return sink.start(SpanStart.builder(name).parent(parent).startEpochNanos(T0 + startMs * MS).build());
  }

  @Test
  void printsAThreeLevelTreeWithDurationsStatusAttributesAndEventsWhenTheRootEnds() {
    SpanSink sink = sink(true, Map.of("color", "never"));
    SpanHandle run = start(sink, "pipeline.run", SpanContext.invalid(), 0);
    run.setAttribute("items", 6L);
    SpanHandle generate = start(sink, "generate", run.context(), 1);
    SpanHandle item0 = start(sink, "generate.item", generate.context(), 2);
    item0.setAttribute("index", 0L);
    item0.end(T0 + 12 * MS + 340_000);
    SpanHandle item1 = start(sink, "generate.item", generate.context(), 13);
    item1.setAttribute("api_key", "sk-secret");
    item1.recordException(new IllegalStateException("provider timed out"), T0 + 20 * MS);
    item1.setStatus(SpanStatus.ERROR, "provider timeout");
    item1.end(T0 + 25 * MS);
    generate.addEvent("batch.done", Map.of("count", 2L), T0 + 26 * MS);
    generate.end(T0 + 30 * MS);
    SpanHandle store = start(sink, "store", run.context(), 31);
    store.end(T0 + 35 * MS);

    assertThat(out.text()).as("nothing is printed before the local root ends").isEmpty();
    run.end(T0 + 40 * MS);

    String traceId = run.context().traceId();
    assertThat(out.text()).isEqualTo(String.join(System.lineSeparator(),
        "TRACE " + traceId + "  pipeline.run  40.0 ms  5 spans  ERROR",
        "pipeline.run  40.0 ms  {items=6}  span=" + run.context().spanId(),
        "|-- generate  29.0 ms  span=" + generate.context().spanId(),
        "|   |   * batch.done {count=2}  +25.0 ms",
        "|   |-- generate.item  10.3 ms  {index=0}  span=" + item0.context().spanId(),
        "|   `-- generate.item  12.0 ms  ERROR: provider timeout  {api_key=[Filtered]}  span=" + item1.context().spanId(),
        "|           * exception {type=java.lang.IllegalStateException, message=provider timed out}  +7.0 ms",
        "`-- store  4.0 ms  span=" + store.context().spanId(),
        ""));
  }

  @Test
  void primaryAssignsW3cIdsContinuesTheParentTraceAndHonoursItsSampledFlag() {
    SpanSink sink = sink(true, Map.of("color", "never"));
    SpanHandle root = start(sink, "root", SpanContext.invalid(), 0);
    assertThat(SpanContext.isValidTraceId(root.context().traceId())).isTrue();
    assertThat(SpanContext.isValidSpanId(root.context().spanId())).isTrue();
    assertThat(root.context().isSampled()).isTrue();
    assertThat(root.isRecording()).isTrue();

    SpanHandle child = start(sink, "child", root.context(), 1);
    assertThat(child.context().traceId()).isEqualTo(root.context().traceId());
    assertThat(child.context().spanId()).isNotEqualTo(root.context().spanId());

    SpanContext unsampledRemote = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false, "k=v");
    SpanHandle dropped = start(sink, "server", unsampledRemote, 0);
    assertThat(dropped.isRecording()).isFalse();
    assertThat(dropped.context().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(dropped.context().isSampled()).isFalse();
    assertThat(dropped.context().traceState()).isEqualTo("k=v");
    dropped.end(T0 + MS);
    assertThat(out.text()).isEmpty();
  }

  @Test
  void mirrorUsesTheAssignedIds() {
    SpanSink sink = sink(false, Map.of("color", "never"));
    SpanContext assigned = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", true, "");
    SpanHandle h = sink.start(SpanStart.builder("mirrored").assignedContext(assigned).startEpochNanos(T0).build());
    assertThat(h.context()).isEqualTo(assigned);
    h.end(T0 + 2 * MS);
    assertThat(out.text()).startsWith("TRACE 0af7651916cd43dd8448eb211c80319c  mirrored  2.0 ms  1 span")
        .contains("span=b7ad6b7169203331");

    SpanContext unsampled = SpanContext.create("0af7651916cd43dd8448eb211c80319d", "b7ad6b7169203332", false, "");
    SpanHandle u = sink.start(SpanStart.builder("unsampled").assignedContext(unsampled).startEpochNanos(T0).build());
    assertThat(u.isRecording()).isFalse();
    assertThat(u.context()).isEqualTo(unsampled);
  }

  @Test
  void aSpanWithARemoteParentIsALocalRootAndShowsTheRemoteParent() {
    SpanSink sink = sink(true, Map.of("color", "never"));
    SpanContext remote = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    SpanHandle server = sink.start(SpanStart.builder("GET /questions").kind(SpanKind.SERVER).parent(remote)
        .startEpochNanos(T0).build());
    SpanHandle db = start(sink, "db.query", server.context(), 1);
    db.end(T0 + 3 * MS);
    assertThat(out.text()).isEmpty();
    server.setStatus(SpanStatus.OK, "");
    server.end(T0 + 5 * MS);

    assertThat(out.text()).contains("TRACE 4bf92f3577b34da6a3ce929d0e0e4736  GET /questions  5.0 ms  2 spans  (remote parent 00f067aa0ba902b7)")
        .contains("GET /questions  5.0 ms  server  OK")
        .contains("`-- db.query  2.0 ms");
  }

  @Test
  void spansWhoseRootNeverEndedArePrintedAsIncompleteAtClose() {
    Backend backend = BackendHarness.create(new ConsoleBackendProvider(out.stream), Map.of("color", "never"),
        EnumSet.allOf(Signal.class), true).backend();
    SpanSink sink = backend.sinks().traces().orElseThrow();
    SpanHandle root = start(sink, "leaked.root", SpanContext.invalid(), 0);
    SpanHandle child = start(sink, "finished.child", root.context(), 1);
    child.end(T0 + 2 * MS);
    assertThat(out.text()).isEmpty();

    backend.close(Duration.ofSeconds(1));
    assertThat(out.text()).contains("INCOMPLETE").contains("`-- finished.child  1.0 ms");
  }

  @Test
  void boundsSpansPerTraceCountsTheDropsAndSaysSoInTheTree() {
    SpanSink sink = sink(true, Map.of("color", "never", "max_spans_per_trace", 3));
    SpanHandle root = start(sink, "root", SpanContext.invalid(), 0);
    for (int i = 0; i < 5; i++) {
      start(sink, "child" + i, root.context(), 1 + i).end(T0 + (2 + i) * MS);
    }
    root.end(T0 + 10 * MS);

    assertThat(created.selfMetrics().get("console.dropped_spans")).isEqualTo(2);
    assertThat(out.text()).contains("child0").contains("child2").doesNotContain("child3")
        .contains("4 spans")
        .contains("! 2 span(s) of this trace dropped: more than max_spans_per_trace=3");
  }

  @Test
  void boundsOpenTracesCountsTheDropsAndReportsThemWithTheNextTree() {
    SpanSink sink = sink(true, Map.of("color", "never", "max_open_traces", 2));
    SpanHandle[] roots = new SpanHandle[3];
    for (int t = 0; t < 3; t++) {
      roots[t] = start(sink, "root" + t, SpanContext.invalid(), 0);
      start(sink, "child-of-" + t, roots[t].context(), 1).end(T0 + 2 * MS);
    }
    assertThat(created.selfMetrics().get("console.dropped_spans")).isEqualTo(1);

    roots[2].end(T0 + 3 * MS);
    assertThat(out.text()).contains("root2").doesNotContain("child-of-2")
        .contains("! 1 span(s) dropped earlier: more than max_open_traces=2");

    out.reset();
    roots[0].end(T0 + 3 * MS);
    assertThat(out.text()).contains("`-- child-of-0").doesNotContain("dropped");
  }
}
