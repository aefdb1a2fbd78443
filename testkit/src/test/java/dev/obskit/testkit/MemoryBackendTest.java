package dev.obskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.MetricType;
import dev.obskit.api.Registration;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives the memory sinks directly (no core) and reads back through {@link TestTelemetry}. */
class MemoryBackendTest {
  private static final Labels MATH = Labels.of("type", "math");
  private static final Labels CODE = Labels.of("type", "code");

  private final TestTelemetry telemetry = new TestTelemetry();
  private final FakeBackendContext context = new FakeBackendContext(true);
  private final Backend backend = new MemoryBackendProvider(telemetry).create(context);

  @AfterEach
  void close() {
    backend.close(Duration.ofSeconds(1));
  }

  private static InstrumentDescriptor descriptor(String name, MetricType type) {
    return InstrumentDescriptor.of(name, type, InstrumentOptions.defaults());
  }

  @Test
  void isDiscoveredThroughServiceLoaderAsMemory() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class).forEach(p -> names.add(p.name()));
    assertThat(names).contains("memory");
  }

  @Test
  void offersASinkForEverySignal() {
    assertThat(backend.name()).isEqualTo("memory");
    assertThat(backend.sinks().signals()).containsExactlyInAnyOrder(Signal.values());
    assertThat(backend.describe()).containsKey("store");
  }

  @Test
  void keepsErrorsAndTheScope() {
    ErrorEvent event = ErrorEvent.builder(new IllegalStateException("boom")).level(Level.WARNING)
        .context("provider", "openai").tag("stage", "generate").build();
    backend.sinks().errors().orElseThrow().capture(event);
    backend.sinks().errors().orElseThrow().setUser(User.id("42"));
    backend.sinks().errors().orElseThrow().setTag("region", "eu");
    backend.sinks().errors().orElseThrow().setTag("gone", "x");
    backend.sinks().errors().orElseThrow().setTag("gone", null);
    backend.sinks().errors().orElseThrow().setContext("llm", Map.of("model", "gpt"));

    assertThat(telemetry.errors()).containsExactly(event);
    assertThat(telemetry.errors(IllegalStateException.class)).hasSize(1);
    assertThat(telemetry.errors(IllegalArgumentException.class)).isEmpty();
    assertThat(telemetry.user()).isEqualTo(User.id("42"));
    assertThat(telemetry.tags()).containsExactly(Map.entry("region", "eu"));
    assertThat(telemetry.contexts()).containsEntry("llm", Map.of("model", "gpt"));
  }

  @Test
  void keepsEveryPointWithItsLabelsAndDerivesTotals() {
    MetricInstrument counter = backend.sinks().metrics().orElseThrow().instrument(descriptor("questions.generated", MetricType.COUNTER));
    counter.record(1, MATH);
    counter.record(2, MATH);
    counter.record(5, CODE);

    RecordedMetric m = telemetry.metric("questions.generated").orElseThrow();
    assertThat(m.type()).isEqualTo(MetricType.COUNTER);
    assertThat(m.points()).containsExactly(new MetricPoint(1, MATH), new MetricPoint(2, MATH), new MetricPoint(5, CODE));
    assertThat(m.total(MATH)).isEqualTo(3);
    assertThat(m.total()).isEqualTo(8);
    assertThat(m.totals()).containsExactly(Map.entry(MATH, 3.0), Map.entry(CODE, 5.0));
    assertThat(telemetry.counterTotal("questions.generated", CODE)).isEqualTo(5);
    assertThat(m.summaryLines()).containsExactly("questions.generated{type=math}=3", "questions.generated{type=code}=5");
  }

  @Test
  void sameDescriptorIsOneInstrumentAndUnitIsKept() {
    InstrumentDescriptor d = InstrumentDescriptor.of("latency", MetricType.HISTOGRAM, InstrumentOptions.unit("ms"));
    backend.sinks().metrics().orElseThrow().instrument(d).record(10, Labels.empty());
    backend.sinks().metrics().orElseThrow().instrument(d).record(30, Labels.empty());

    assertThat(telemetry.metrics()).hasSize(1);
    RecordedMetric m = telemetry.metric("latency").orElseThrow();
    assertThat(m.unit()).isEqualTo("ms");
    assertThat(m.values(Labels.empty())).containsExactly(10.0, 30.0);
    assertThat(m.count(Labels.empty())).isEqualTo(2);
    assertThat(m.summaryLines()).containsExactly("latency{}=count 2, sum 40");
  }

  @Test
  void upDownCounterAcceptsZeroAndNegativeValues() {
    MetricInstrument inflight = backend.sinks().metrics().orElseThrow().instrument(descriptor("inflight", MetricType.UP_DOWN_COUNTER));
    inflight.record(3, Labels.empty());
    inflight.record(0, Labels.empty());
    inflight.record(-5, Labels.empty());
    assertThat(telemetry.metric("inflight").orElseThrow().total(Labels.empty())).isEqualTo(-2);
  }

  @Test
  void gaugeKeepsTheLastValuePerLabels() {
    MetricInstrument pool = backend.sinks().metrics().orElseThrow().instrument(descriptor("pool.size", MetricType.GAUGE));
    pool.record(4, MATH);
    pool.record(7, MATH);
    pool.record(1, CODE);
    assertThat(telemetry.gaugeValue("pool.size", MATH)).hasValue(7);
    assertThat(telemetry.gaugeValue("pool.size", CODE)).hasValue(1);
    assertThat(telemetry.gaugeValue("pool.size", Labels.empty())).isEmpty();
  }

  @Test
  void callbackGaugesAreReadOnDemandAndStopWhenClosed() {
    double[] value = {1};
    Registration r = backend.sinks().metrics().orElseThrow().callbackGauge(descriptor("queue.depth", MetricType.GAUGE), MATH,
        () -> value[0]);
    assertThat(telemetry.gaugeValue("queue.depth", MATH)).hasValue(1);
    value[0] = 9;
    assertThat(telemetry.gaugeValue("queue.depth", MATH)).hasValue(9);

    r.close();
    r.close();
    assertThat(telemetry.gaugeValue("queue.depth", MATH)).isEmpty();
  }

  @Test
  void aThrowingCallbackReadsAsNaN() {
    backend.sinks().metrics().orElseThrow().callbackGauge(descriptor("broken", MetricType.GAUGE), Labels.empty(), () -> {
      throw new IllegalStateException("callback failed");
    });
    assertThat(telemetry.gaugeValue("broken", Labels.empty())).hasValue(Double.NaN);
  }

  @Test
  void primaryAssignsValidIdsAndChildrenKeepTheTraceId() {
    SpanHandle root = backend.sinks().traces().orElseThrow().start(SpanStart.builder("pipeline").startEpochNanos(100).build());
    SpanHandle child = backend.sinks().traces().orElseThrow().start(SpanStart.builder("generate").parent(root.context())
        .startEpochNanos(200).build());

    assertThat(SpanContext.isValidTraceId(root.context().traceId())).isTrue();
    assertThat(SpanContext.isValidSpanId(root.context().spanId())).isTrue();
    assertThat(root.context().isSampled()).isTrue();
    assertThat(child.context().traceId()).isEqualTo(root.context().traceId());
    assertThat(child.context().spanId()).isNotEqualTo(root.context().spanId());
    assertThat(telemetry.openSpans()).extracting(RecordedSpan::name).containsExactly("pipeline", "generate");

    child.end(300);
    root.end(400);

    assertThat(telemetry.openSpans()).isEmpty();
    RecordedSpan generate = telemetry.span("generate").orElseThrow();
    RecordedSpan pipeline = telemetry.span("pipeline").orElseThrow();
    assertThat(generate.isChildOf(pipeline)).isTrue();
    assertThat(pipeline.isRoot()).isTrue();
    assertThat(generate.durationNanos()).isEqualTo(100);
    assertThat(telemetry.traceTrees()).containsExactly("pipeline > [generate]");
    assertThat(telemetry.trace(pipeline.traceId())).hasSize(2);
  }

  @Test
  void primaryKeepsARemoteParentsTraceIdAndSampledFlag() {
    SpanContext remote = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false, "k=v");
    SpanHandle span = backend.sinks().traces().orElseThrow().start(SpanStart.builder("server").kind(SpanKind.SERVER).parent(remote).build());
    assertThat(span.context().traceId()).isEqualTo(remote.traceId());
    assertThat(span.context().isSampled()).isFalse();
    assertThat(span.context().traceState()).isEqualTo("k=v");
  }

  @Test
  void mirrorUsesTheAssignedIds() {
    TestTelemetry mirrorTelemetry = new TestTelemetry();
    Backend mirror = new MemoryBackendProvider("mirror", mirrorTelemetry).create(new FakeBackendContext(false));
    SpanContext assigned = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    mirror.sinks().traces().orElseThrow().start(SpanStart.builder("mirrored").assignedContext(assigned).build()).end(5);

    assertThat(mirror.name()).isEqualTo("mirror");
    assertThat(mirrorTelemetry.span("mirrored").orElseThrow().context()).isEqualTo(assigned);
    assertThat(telemetry.spans()).isEmpty();
  }

  @Test
  void recordsEverythingASpanReceives() {
    SpanContext linked = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    SpanHandle span = backend.sinks().traces().orElseThrow().start(SpanStart.builder("generate").kind(SpanKind.CLIENT)
        .attribute("model", "gpt").link(linked).startEpochNanos(10).build());
    span.setAttribute("tokens", 42L);
    span.setAttribute("ratio", 0.5);
    span.setAttribute("cached", true);
    span.addEvent("retry", Map.of("attempt", 2L), 11);
    span.recordException(new IllegalStateException("timeout"), 12);
    span.setStatus(SpanStatus.ERROR, "timeout");
    span.updateName("generate_question");
    span.end(20);
    span.setAttribute("late", "ignored");
    span.end(99);

    RecordedSpan s = telemetry.span("generate_question").orElseThrow();
    assertThat(s.kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(s.attributes()).containsExactly(Map.entry("model", "gpt"), Map.entry("tokens", 42L),
        Map.entry("ratio", 0.5), Map.entry("cached", true));
    assertThat(s.events()).extracting(RecordedSpanEvent::name).containsExactly("retry", "exception");
    assertThat(s.events().get(1).attributes()).containsEntry("exception.type", "java.lang.IllegalStateException")
        .containsEntry("exception.message", "timeout");
    assertThat(s.exceptions()).singleElement().isInstanceOf(IllegalStateException.class);
    assertThat(s.status()).isEqualTo(SpanStatus.ERROR);
    assertThat(s.statusDescription()).isEqualTo("timeout");
    assertThat(s.links()).containsExactly(linked);
    assertThat(s.startEpochNanos()).isEqualTo(10);
    assertThat(s.endEpochNanos()).isEqualTo(20);
    assertThat(telemetry.spans()).hasSize(1);
  }

  @Test
  void keepsEventsWithTheirSpan() {
    SpanContext current = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    backend.sinks().events().orElseThrow().recordEvent("pipeline.stage_done", Map.of("stage", "dedup"), current, 1234);
    RecordedEvent e = telemetry.events("pipeline.stage_done").get(0);
    assertThat(e.data()).containsEntry("stage", "dedup");
    assertThat(e.spanContext()).isEqualTo(current);
    assertThat(e.epochMillis()).isEqualTo(1234);
  }

  @Test
  void resetForgetsRecordingsButKeepsInstrumentsUsable() {
    MetricInstrument counter = backend.sinks().metrics().orElseThrow().instrument(descriptor("c", MetricType.COUNTER));
    counter.record(1, MATH);
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.message("m").build());
    backend.sinks().events().orElseThrow().recordEvent("e", Map.of(), SpanContext.invalid(), 1);
    SpanHandle before = backend.sinks().traces().orElseThrow().start(SpanStart.builder("before").build());
    backend.sinks().traces().orElseThrow().start(SpanStart.builder("done").build()).end(1);

    telemetry.reset();
    before.end(2);
    counter.record(2, MATH);

    assertThat(telemetry.errors()).isEmpty();
    assertThat(telemetry.events()).isEmpty();
    assertThat(telemetry.spans()).isEmpty();
    assertThat(telemetry.openSpans()).isEmpty();
    assertThat(telemetry.counterTotal("c", MATH)).isEqualTo(2);
  }

  @Test
  void afterCloseDropsAndCountsAndNeverThrows() {
    MetricInstrument counter = backend.sinks().metrics().orElseThrow().instrument(descriptor("c", MetricType.COUNTER));
    SpanHandle open = backend.sinks().traces().orElseThrow().start(SpanStart.builder("open").build());
    assertThat(backend.flush(Duration.ofSeconds(1))).isTrue();
    assertThat(backend.close(Duration.ofSeconds(1))).isTrue();
    assertThat(backend.close(Duration.ofSeconds(1))).isTrue();

    counter.record(1, MATH);
    open.end(1);
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.message("late").build());
    backend.sinks().events().orElseThrow().recordEvent("late", Map.of(), SpanContext.invalid(), 1);
    backend.sinks().traces().orElseThrow().start(SpanStart.builder("late").build()).end(2);

    assertThat(telemetry.isClosed()).isTrue();
    assertThat(telemetry.flushCount()).isEqualTo(1);
    assertThat(telemetry.counterTotal("c", MATH)).isZero();
    assertThat(telemetry.errors()).isEmpty();
    assertThat(telemetry.events()).isEmpty();
    assertThat(telemetry.spans()).isEmpty();
    assertThat(context.counters().get("memory.dropped.after_close")).isEqualTo(5);
    assertThat(telemetry.selfMetrics()).containsEntry("memory.dropped.after_close", 5L);
  }

  @Test
  void concurrentRecordingsAreAllKept() throws Exception {
    MetricInstrument counter = backend.sinks().metrics().orElseThrow().instrument(descriptor("c", MetricType.COUNTER));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Labels labels = Labels.of("thread", Integer.toString(t));
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            counter.record(1, labels);
            SpanHandle s = backend.sinks().traces().orElseThrow().start(SpanStart.builder("s").build());
            s.setAttribute("i", (long) i);
            s.end(i);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(telemetry.metric("c").orElseThrow().total()).isEqualTo(20_000);
    assertThat(telemetry.metric("c").orElseThrow().labelSets()).hasSize(4);
    assertThat(telemetry.spans()).hasSize(20_000);
    assertThat(telemetry.openSpans()).isEmpty();
  }

  @Test
  void summaryListsEverySignal() {
    backend.sinks().errors().orElseThrow().capture(ErrorEvent.builder(new IllegalStateException("boom")).build());
    backend.sinks().metrics().orElseThrow().instrument(descriptor("c", MetricType.COUNTER)).record(2, CODE);
    backend.sinks().traces().orElseThrow().start(SpanStart.builder("open").build());
    backend.sinks().events().orElseThrow().recordEvent("stage_done", Map.of("stage", "dedup"), SpanContext.invalid(), 1);

    assertThat(telemetry.summary())
        .contains("errors (1):", "IllegalStateException: boom")
        .contains("metrics (1):", "COUNTER c{type=code}=2")
        .contains("traces (1):", "open (open)")
        .contains("events (1):", "stage_done{stage=dedup}");
  }
}
