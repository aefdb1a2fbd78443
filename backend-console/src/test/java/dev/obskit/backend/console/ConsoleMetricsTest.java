package dev.obskit.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Registration;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.obskit.testkit.BackendHarness;
import dev.obskit.api.spi.Signal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ConsoleMetricsTest {
  private static final Labels MATH = Labels.of("type", "math");
  private static final Labels VERBAL = Labels.of("type", "verbal");
  private static final Labels MOCK = Labels.of("provider", "mock");

  private final Captured out = new Captured();

  private Backend backend(Map<String, ?> config) {
    return BackendHarness.builder(new ConsoleBackendProvider(out.stream)).section(config).serviceName("question-service")
        .signals(EnumSet.allOf(Signal.class)).create().backend();
  }

  private static MetricInstrument instrument(MetricSink sink, String name, MetricType type, InstrumentOptions options) {
    return sink.instrument(InstrumentDescriptor.of(name, type, options));
  }

  @Test
  void summaryAggregatesPerInstrumentAndLabelsIntoAnAlignedTable() {
    Backend backend = backend(Map.of("color", "never"));
    MetricSink sink = backend.sinks().metrics().orElseThrow();
    MetricInstrument generated = instrument(sink, "questions.generated", MetricType.COUNTER, InstrumentOptions.defaults());
    generated.record(1, MATH);
    generated.record(1, MATH);
    generated.record(2.5, VERBAL);
    MetricInstrument depth = instrument(sink, "pipeline.queue_depth", MetricType.UP_DOWN_COUNTER, InstrumentOptions.defaults());
    depth.record(6, Labels.empty());
    depth.record(-4, Labels.empty());
    MetricInstrument temp = instrument(sink, "cache.size", MetricType.GAUGE, InstrumentOptions.defaults());
    temp.record(10, Labels.empty());
    temp.record(7, Labels.empty());
    MetricInstrument duration = instrument(sink, "generation.duration", MetricType.HISTOGRAM,
        InstrumentOptions.builder().unit("ms").buckets(10, 20, 50, 100).build());
    for (double v : new double[] {5, 12, 15, 18, 40, 90}) {
      duration.record(v, MOCK);
    }
    AtomicInteger pending = new AtomicInteger(3);
    sink.callbackGauge(InstrumentDescriptor.of("pipeline.pending", MetricType.GAUGE, InstrumentOptions.defaults()),
        Labels.empty(), pending::get);
    pending.set(4);

    backend.flush(Duration.ofSeconds(1));

    String nl = System.lineSeparator();
    assertThat(out.text()).isEqualTo(
        "METRICS question-service (totals since start)" + nl
            + "  METRIC                TYPE       LABELS         UNIT  VALUE" + nl
            + "  cache.size            gauge      -              -     7" + nl
            + "  generation.duration   histogram  provider=mock  ms    count=6 sum=180 min=5 max=90 p50~16.667" + nl
            + "  pipeline.pending      gauge      -              -     4" + nl
            + "  pipeline.queue_depth  updown     -              -     2" + nl
            + "  questions.generated   counter    type=math      -     2" + nl
            + "  questions.generated   counter    type=verbal    -     2.5" + nl);
  }

  @Test
  void summaryIsPrintedAgainOnlyWhenSomethingWasRecordedSince() {
    Backend backend = backend(Map.of("color", "never"));
    MetricInstrument c = instrument(backend.sinks().metrics().orElseThrow(), "c", MetricType.COUNTER, InstrumentOptions.defaults());
    backend.flush(Duration.ofSeconds(1));
    assertThat(out.text()).as("an instrument without recordings has no rows").isEmpty();
    c.record(1, Labels.empty());
    backend.flush(Duration.ofSeconds(1));
    assertThat(out.text()).contains("c       counter  -       -     1");
    out.reset();
    backend.close(Duration.ofSeconds(1));
    assertThat(out.text()).isEmpty();
  }

  @Test
  void eachModePrintsOneLinePerRecording() {
    Backend backend = backend(Map.of("color", "never", "metrics", "each"));
    MetricInstrument c = instrument(backend.sinks().metrics().orElseThrow(), "questions.generated", MetricType.COUNTER, InstrumentOptions.defaults());
    MetricInstrument h = instrument(backend.sinks().metrics().orElseThrow(), "generation.duration", MetricType.HISTOGRAM, InstrumentOptions.unit("ms"));
    c.record(1, MATH);
    h.record(12.5, MOCK);
    assertThat(out.text().lines())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).endsWith("METRIC  counter questions.generated{type=math} +1"))
        .anySatisfy(l -> assertThat(l).endsWith("METRIC  histogram generation.duration{provider=mock} record 12.5 ms"));
  }

  @Test
  void offModeDropsMetricsButKeepsTheSignalRoutable() {
    Backend backend = backend(Map.of("color", "never", "metrics", "off"));
    MetricSink sink = backend.sinks().metrics().orElseThrow();
    assertThat(sink).isNotNull();
    instrument(sink, "c", MetricType.COUNTER, InstrumentOptions.defaults()).record(1, Labels.empty());
    Registration r = sink.callbackGauge(InstrumentDescriptor.of("g", MetricType.GAUGE, InstrumentOptions.defaults()),
        Labels.empty(), () -> 1);
    r.close();
    backend.close(Duration.ofSeconds(1));
    assertThat(out.text()).isEmpty();
  }

  @Test
  void closedCallbackGaugeIsNoLongerRead() {
    Backend backend = backend(Map.of("color", "never"));
    AtomicInteger reads = new AtomicInteger();
    Registration r = backend.sinks().metrics().orElseThrow().callbackGauge(
        InstrumentDescriptor.of("g", MetricType.GAUGE, InstrumentOptions.defaults()), Labels.empty(), reads::incrementAndGet);
    r.close();
    backend.close(Duration.ofSeconds(1));
    assertThat(reads).hasValue(0);
  }
}
