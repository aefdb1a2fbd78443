package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendHarness;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bound-instrument path (the series {@link MetricInstrument#bind} returns for a label set, as
 * the core keeps it) allocates nothing per recording in this backend: labels are converted to
 * OTel attributes once, when bound.
 * Measured with the JVM's per-thread allocation counter, not with time; the benchmarks module
 * measures speed.
 */
class BoundInstrumentAllocationTest {
  private static final int CALLS = 100_000;

  @Test
  void recordingWithPrebuiltLabelsAllocatesNothingPerCall() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(),
        Map.of("metrics", Map.of("exporter", "none")), EnumSet.of(Signal.METRICS), false)) {
      Labels labels = Labels.of("type", "math", "provider", "openai");
      for (MetricType type : MetricType.values()) {
        MetricInstrument.Series series = created.backend().sinks().metrics().orElseThrow()
            .instrument(InstrumentDescriptor.of("alloc." + type.name().toLowerCase(), type, InstrumentOptions.defaults()))
            .bind(labels);
        for (int i = 0; i < CALLS; i++) { // warm up: JIT, SDK storage for this label set
          series.record(1);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
          series.record(1);
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / CALLS;
        System.out.printf("bound %s: %d bytes allocated per recording%n", type, perCall);
        assertThat(perCall).as("bytes allocated per %s recording", type).isZero();
      }
    }
  }
}
