package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Sinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** A metric name gets exactly one type even when a bound instrument and a callback gauge race for it. */
class MetricNameRaceTest {
  /** Records which types each name was registered with in the backend; can pause one creation. */
  static final class RecordingProvider implements BackendProvider {
    final Map<String, Set<MetricType>> registered = new ConcurrentHashMap<>();
    volatile Runnable onInstrument = () -> {};

    @Override
    public String name() {
      return "recording";
    }

    private void register(InstrumentDescriptor d) {
      registered.computeIfAbsent(d.name(), n -> ConcurrentHashMap.newKeySet()).add(d.type());
    }

    @Override
    public Backend create(BackendContext context) {
      return new Backend() {
        @Override
        public String name() {
          return "recording";
        }

        @Override
        public Sinks sinks() {
          return Sinks.builder().metrics(new MetricSink() {
            @Override
            public MetricInstrument instrument(InstrumentDescriptor descriptor) {
              onInstrument.run();
              register(descriptor);
              return (value, labels) -> {};
            }

            @Override
            public Registration callbackGauge(InstrumentDescriptor d, Labels l, DoubleSupplier c) {
              register(d);
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

  private static Observability sdk(RecordingProvider provider) {
    return ObservabilitySdk.builder().environmentVariables(Map.of()).provider(provider)
        .set("routing.metrics", "recording").set("routing.errors", "none").set("routing.traces", "none")
        .set("routing.events", "none").build();
  }

  /** Whether {@code t} is parked inside the registry's map (waiting for the name's owner). */
  private static boolean waitingInRegistry(Thread t) {
    Thread.State s = t.getState();
    return (s == Thread.State.BLOCKED || s == Thread.State.WAITING)
        && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("ConcurrentHashMap"));
  }

  @Test
  void aCallbackGaugeRegisteredWhileACounterIsBeingCreatedIsATypeConflict() throws Exception {
    RecordingProvider provider = new RecordingProvider();
    try (Observability obs = sdk(provider)) {
      AtomicReference<Thread> gaugeThread = new AtomicReference<>();
      CountDownLatch gaugeDone = new CountDownLatch(1);
      // The counter's creation pauses inside the backend until the gauge registration has either
      // completed (the race) or is waiting for the counter to finish (the fix).
      provider.onInstrument = () -> {
        Thread g = new Thread(() -> {
          obs.gauge("contested", InstrumentOptions.defaults(), Labels.empty(), () -> 1.0);
          gaugeDone.countDown();
        });
        gaugeThread.set(g);
        g.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gaugeDone.getCount() > 0 && !waitingInRegistry(g) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      };
      Counter counter = obs.counter("contested");
      provider.onInstrument = () -> {};
      counter.add(1);
      assertThat(gaugeDone.await(10, TimeUnit.SECONDS)).isTrue();
      gaugeThread.get().join(10_000);

      assertThat(provider.registered.get("contested")).containsExactly(MetricType.COUNTER);
      assertThat(obs.selfMetrics().get("dropped.type_conflict")).isEqualTo(1);
    }
  }

  @Test
  void everyRacedNameEndsUpWithExactlyOneType() throws Exception {
    RecordingProvider provider = new RecordingProvider();
    int names = 300;
    try (Observability obs = sdk(provider)) {
      CyclicBarrier barrier = new CyclicBarrier(2);
      List<Throwable> failures = new ArrayList<>();
      Thread counters = new Thread(() -> {
        try {
          for (int i = 0; i < names; i++) {
            barrier.await(10, TimeUnit.SECONDS);
            obs.counter("m" + i).add(1);
          }
        } catch (Exception e) {
          failures.add(e);
        }
      });
      Thread gauges = new Thread(() -> {
        try {
          for (int i = 0; i < names; i++) {
            barrier.await(10, TimeUnit.SECONDS);
            obs.gauge("m" + i, InstrumentOptions.defaults(), Labels.empty(), () -> 1.0);
          }
        } catch (Exception e) {
          failures.add(e);
        }
      });
      counters.start();
      gauges.start();
      counters.join(60_000);
      gauges.join(60_000);
      assertThat(failures).isEmpty();
      assertThat(provider.registered).hasSize(names);
      assertThat(provider.registered.values()).allSatisfy(types -> assertThat(types).hasSize(1));
      // Exactly one loser per name: a dropped registration or a dropped counter increment.
      assertThat(obs.selfMetrics().get("dropped.type_conflict")).isEqualTo(names);
    }
  }
}
