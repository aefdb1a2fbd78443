package dev.obskit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoopObservabilityTest {
  private final Observability obs = Observability.noop();

  @Test
  void everyCallIsHarmlessAndWorkStillRuns() throws Exception {
    obs.captureError(new RuntimeException("x"));
    obs.recordMetric("m", Double.NaN, Labels.empty(), MetricType.COUNTER);
    obs.counter("c").add(-1);
    try (Span span = obs.startSpan("s")) {
      assertThat(span.context().isValid()).isFalse();
      assertThat(obs.currentSpan().isRecording()).isFalse();
    }
    assertThat(obs.inSpan("s", () -> 42)).isEqualTo(42);
    Map<String, String> headers = new HashMap<>();
    obs.inject(headers, Map::put);
    assertThat(headers).isEmpty();
    assertThat(obs.extract(Map.of("traceparent", "x"), Map::get).isValid()).isFalse();
    assertThat(obs.flush(Duration.ZERO)).isTrue();
    assertThat(obs.close(Duration.ZERO)).isTrue();
    Runnable r = () -> {};
    assertThat(obs.wrap(r)).isSameAs(r);
  }

  @Test
  void inSpanPropagatesCheckedExceptionsUnchanged() {
    IOException boom = new IOException("boom");
    assertThatThrownBy(() -> obs.inSpan("io", () -> {
      throw boom;
    })).isSameAs(boom);
  }
}
