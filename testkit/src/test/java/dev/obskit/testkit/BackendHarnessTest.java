package dev.obskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import dev.obskit.core.ConfigurationException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendHarnessTest {

  /**
   * The memory backend behind a provider that reads one key of its section, as real backends do,
   * keeps the context it was created with and counts closes; it can leave out its metric sink.
   */
  static final class RecordingProvider implements BackendProvider {
    final boolean takesMetrics;
    final AtomicInteger closes = new AtomicInteger();
    volatile BackendContext context;
    volatile double sampleRate;

    RecordingProvider(boolean takesMetrics) {
      this.takesMetrics = takesMetrics;
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Backend create(BackendContext context) {
      this.context = context;
      this.sampleRate = context.config().getDouble("traces_sample_rate", 1.0, 0.0, 1.0);
      Backend memory = new MemoryBackendProvider("recording", new TestTelemetry()).create(context);
      return new Backend() {
        @Override
        public String name() {
          return "recording";
        }

        @Override
        public Sinks sinks() {
          Sinks all = memory.sinks();
          Sinks.Builder b = Sinks.builder().errors(all.errors().orElseThrow()).traces(all.traces().orElseThrow())
              .events(all.events().orElseThrow()).logs(all.logs().orElseThrow());
          if (takesMetrics) {
            b.metrics(all.metrics().orElseThrow());
          }
          return b.build();
        }

        @Override
        public boolean flush(Duration timeout) {
          return true;
        }

        @Override
        public boolean close(Duration timeout) {
          closes.incrementAndGet();
          return memory.close(timeout);
        }
      };
    }
  }

  @Test
  void createsABackendWithARealContext() {
    RecordingProvider provider = new RecordingProvider(true);
    try (BackendHarness.Created created = BackendHarness.create(provider, Map.of("traces_sample_rate", 0.5),
        EnumSet.of(Signal.TRACES, Signal.ERRORS), true)) {
      assertThat(provider.sampleRate).isEqualTo(0.5);
      BackendContext context = provider.context;
      assertThat(context.isPrimaryTraceBackend()).isTrue();
      assertThat(context.signals()).containsExactlyInAnyOrder(Signal.TRACES, Signal.ERRORS);
      assertThat(context.serviceName()).isEqualTo("harness-service");
      assertThat(context.scrubber().isSensitiveKey("Authorization")).isTrue();
      context.selfMetrics().increment("recording.dropped.queue_full");
      assertThat(created.selfMetrics().get("recording.dropped.queue_full")).isEqualTo(1);
      assertThat(created.backend().sinks().traces()).isPresent();
    }
    assertThat(provider.closes.get()).isEqualTo(1);
  }

  @Test
  void badAndUnknownKeysFailWithEveryProblem() {
    RecordingProvider provider = new RecordingProvider(true);
    assertThatThrownBy(() -> BackendHarness.create(provider, Map.of("traces_sample_rate", "lots", "nope", 1),
        EnumSet.of(Signal.ERRORS), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("recording.traces_sample_rate").hasMessageContaining("recording.nope");
    assertThat(provider.closes.get()).isEqualTo(1);
  }

  @Test
  void missingSinkForARequestedSignalIsAProblem() {
    RecordingProvider provider = new RecordingProvider(false);
    assertThatThrownBy(() -> BackendHarness.create(provider, Map.of(), EnumSet.of(Signal.METRICS), false))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not handle metrics");
    assertThat(provider.closes.get()).isEqualTo(1);
  }

  @Test
  void aBackendThatFailsToStartIsAProblem() {
    BackendProvider failing = new BackendProvider() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public Backend create(BackendContext context) {
        throw new IllegalStateException("no socket for you");
      }
    };
    assertThatThrownBy(() -> BackendHarness.create(failing, Map.of(), EnumSet.of(Signal.ERRORS), true))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("failing")
        .hasMessageContaining("no socket for you");
  }

  @Test
  void builderSetsServiceAndCurrentSpan() {
    SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    RecordingProvider provider = new RecordingProvider(true);
    try (BackendHarness.Created created = BackendHarness.builder(provider).serviceName("svc")
        .environment("prod").currentSpan(() -> span).signals(EnumSet.of(Signal.EVENTS)).create()) {
      assertThat(provider.context.serviceName()).isEqualTo("svc");
      assertThat(provider.context.environment()).isEqualTo("prod");
      assertThat(provider.context.currentSpanContext()).isEqualTo(span);
    }
  }
}
