package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obskit.api.Counter;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Sinks;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The bound-handle hot path must not allocate: measured with the JVM's per-thread allocation
 * counter (bytes, not time, so the noisy machine does not matter).
 */
class HotPathAllocationTest {
  private static final Labels PREBUILT = Labels.of("type", "math", "tier", "free");

  /** A metric backend that only sums, so that every allocation seen is the core's. */
  static final class SummingProvider implements BackendProvider {
    final DoubleAdder sum = new DoubleAdder();

    @Override
    public String name() {
      return "summing";
    }

    @Override
    public Backend create(BackendContext context) {
      return new Backend() {
        @Override
        public String name() {
          return "summing";
        }

        @Override
        public Sinks sinks() {
          return Sinks.builder().metrics(new MetricSink() {
            @Override
            public MetricInstrument instrument(InstrumentDescriptor descriptor) {
              return (value, labels) -> sum.add(value);
            }

            @Override
            public Registration callbackGauge(InstrumentDescriptor d, Labels l, DoubleSupplier c) {
              return Registration.noop();
            }
          }).build();
        }

        @Override
        public boolean flush(Duration timeout) {
          return true;
        }

        @Override
        public boolean close(Duration timeout) {
          return true;
        }
      };
    }
  }

  @Test
  void counterAddWithPrebuiltLabelsAllocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported());
    SummingProvider provider = new SummingProvider();
    try (Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of()).provider(provider)
        .set("routing.metrics", "summing").set("routing.errors", "none").set("routing.traces", "none")
        .set("routing.events", "none").build()) {
      Counter counter = obs.counter("questions.generated");
      for (int i = 0; i < 200_000; i++) {
        counter.add(1, PREBUILT);
      }
      long tid = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 100_000; i++) {
        counter.add(1, PREBUILT);
      }
      long allocated = threads.getThreadAllocatedBytes(tid) - before;
      // A single allocation per call would be >= 1.6 MB here; the slack covers the measurement itself.
      assertThat(allocated).isLessThan(4_096);
      assertThat(provider.sum.sum()).isEqualTo(300_000.0);
    }
  }

  @Test
  void counterAddAfterCloseCountsWithoutAllocating() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported());
    SummingProvider provider = new SummingProvider();
    Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of()).provider(provider)
        .set("routing.metrics", "summing").set("routing.errors", "none").set("routing.traces", "none")
        .set("routing.events", "none").build();
    Counter counter = obs.counter("questions.generated");
    obs.close();
    for (int i = 0; i < 200_000; i++) {
      counter.add(1, PREBUILT);
    }
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 100_000; i++) {
      counter.add(1, PREBUILT);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(allocated).isLessThan(4_096);
    assertThat(obs.selfMetrics().get("dropped.after_close")).isEqualTo(300_000);
    assertThat(provider.sum.sum()).isZero();
  }
}
