package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendHarnessTest {

  @Test
  void createsABackendWithARealContext() {
    FakeProvider provider = new FakeProvider("fake", b -> b.doubleKeys = List.of("traces_sample_rate"));
    try (BackendHarness.Created created = BackendHarness.create(provider, Map.of("traces_sample_rate", 0.5),
        EnumSet.of(Signal.TRACES, Signal.ERRORS), true)) {
      FakeBackend backend = (FakeBackend) created.backend();
      assertThat(backend.context.config().getDouble("traces_sample_rate", 0, 0, 1)).isEqualTo(0.5);
      assertThat(backend.context.isPrimaryTraceBackend()).isTrue();
      assertThat(backend.context.signals()).containsExactlyInAnyOrder(Signal.TRACES, Signal.ERRORS);
      assertThat(backend.context.serviceName()).isEqualTo("harness-service");
      assertThat(backend.context.scrubber().isSensitiveKey("Authorization")).isTrue();
      backend.context.selfMetrics().increment("fake.dropped.queue_full");
      assertThat(created.selfMetrics().get("fake.dropped.queue_full")).isEqualTo(1);
      assertThat(created.problems()).isEmpty();
    }
    assertThat(provider.backend().closes.get()).isEqualTo(1);
  }

  @Test
  void badAndUnknownKeysFailWithEveryProblem() {
    FakeProvider provider = new FakeProvider("fake", b -> b.doubleKeys = List.of("traces_sample_rate"));
    assertThatThrownBy(() -> BackendHarness.create(provider, Map.of("traces_sample_rate", "lots", "nope", 1),
        EnumSet.of(Signal.ERRORS), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("fake.traces_sample_rate").hasMessageContaining("fake.nope");
    assertThat(provider.backend().closes.get()).isEqualTo(1);
  }

  @Test
  void missingSinkForARequestedSignalIsAProblem() {
    FakeProvider provider = new FakeProvider("fake", b -> b.metricsSupported = false);
    assertThatThrownBy(() -> BackendHarness.create(provider, Map.of(), EnumSet.of(Signal.METRICS), false))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not handle metrics");
  }

  @Test
  void builderSetsServiceAndCurrentSpan() {
    SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
    try (BackendHarness.Created created = BackendHarness.builder(new FakeProvider("fake")).serviceName("svc")
        .environment("prod").currentSpan(() -> span).signals(EnumSet.of(Signal.EVENTS)).create()) {
      assertThat(created.context().serviceName()).isEqualTo("svc");
      assertThat(created.context().environment()).isEqualTo("prod");
      assertThat(created.context().currentSpanContext()).isEqualTo(span);
    }
  }
}
