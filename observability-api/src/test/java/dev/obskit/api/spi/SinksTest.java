package dev.obskit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SinksTest {

  @Test
  void theSignalsAreThoseWithASink() {
    ErrorSink errors = ErrorSink.noop();
    LogSink logs = LogSink.noop();
    Sinks sinks = Sinks.builder().errors(errors).logs(logs).build();

    assertThat(sinks.signals()).containsExactlyInAnyOrder(Signal.ERRORS, Signal.LOGS);
    assertThat(sinks.takes(Signal.ERRORS)).isTrue();
    assertThat(sinks.takes(Signal.TRACES)).isFalse();
    assertThat(sinks.errors()).containsSame(errors);
    assertThat(sinks.logs()).containsSame(logs);
    assertThat(sinks.metrics()).isEmpty();
    assertThat(sinks.traces()).isEmpty();
    assertThat(sinks.events()).isEmpty();
  }

  @Test
  void noneTakesNothing() {
    assertThat(Sinks.none().signals()).isEmpty();
    assertThat(Sinks.builder().build().signals()).isEmpty();
  }

  @Test
  void aNullSinkOrASecondSinkForOneSignalIsABackendBug() {
    assertThatThrownBy(() -> Sinks.builder().traces(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("traces sink");
    assertThatThrownBy(() -> Sinks.builder().events(EventSink.noop()).events(EventSink.noop()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("events sink is set already");
  }

  @Test
  void theSignalSetCannotBeChanged() {
    Sinks sinks = Sinks.builder().metrics(MetricSink.noop()).build();
    assertThatThrownBy(() -> sinks.signals().add(Signal.LOGS)).isInstanceOf(UnsupportedOperationException.class);
  }
}
