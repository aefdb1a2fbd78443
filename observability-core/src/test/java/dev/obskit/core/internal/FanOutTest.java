package dev.obskit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.spi.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutTest {
  private final SelfMetricsRegistry metrics = new SelfMetricsRegistry();
  private final SinkFailures failures =
      new SinkFailures(metrics, new RateLimitedLogger(System.getLogger("fanout-test"), Duration.ofMinutes(1)));

  /** A sink that records what it receives and throws when told to. */
  static final class Sink {
    final List<String> received = new ArrayList<>();
    final boolean throwing;

    Sink(boolean throwing) {
      this.throwing = throwing;
    }

    void take(String value) {
      if (throwing) {
        throw new IllegalStateException("sink bug");
      }
      received.add(value);
    }

    boolean wants() {
      if (throwing) {
        throw new IllegalStateException("sink bug");
      }
      return true;
    }
  }

  private static Map<String, Sink> sinks(Sink... sinks) {
    Map<String, Sink> m = new LinkedHashMap<>();
    for (int i = 0; i < sinks.length; i++) {
      m.put("b" + i, sinks[i]);
    }
    return m;
  }

  @Test
  void eachReachesEverySinkInOrderAndCountsTheOneThatThrows() {
    Sink first = new Sink(false);
    Sink bad = new Sink(true);
    Sink last = new Sink(false);
    FanOut<Sink> out = FanOut.of(Signal.LOGS, sinks(first, bad, last), failures);

    assertThatCode(() -> out.each(s -> s.take("x"))).doesNotThrowAnyException();

    assertThat(first.received).containsExactly("x");
    assertThat(last.received).containsExactly("x");
    assertThat(metrics.snapshot()).containsEntry("sink_failures.b1.logs", 1L).hasSize(1);
    assertThat(out.backends()).containsExactly("b0", "b1", "b2");
  }

  @Test
  void aFatalErrorIsNotSwallowed() {
    FanOut<Sink> out = FanOut.of(Signal.ERRORS, sinks(new Sink(false)), failures);
    assertThatThrownBy(() -> out.each(s -> {
      throw new OutOfMemoryError("test");
    })).isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void anyCountsASinkThatThrowsAnsweringAsNo() {
    assertThat(FanOut.of(Signal.EVENTS, sinks(new Sink(true)), failures).any(Sink::wants)).isFalse();
    assertThat(metrics.snapshot()).containsEntry("sink_failures.b0.events", 1L);
    assertThat(FanOut.of(Signal.EVENTS, sinks(new Sink(true), new Sink(false)), failures).any(Sink::wants)).isTrue();
    assertThat(FanOut.of(Signal.EVENTS, sinks(), failures).any(Sink::wants)).isFalse();
  }

  @Test
  void mapKeepsTheBackendOfEachResultAndLeavesOutSinksThatThrowOrAnswerNull() {
    Sink a = new Sink(false);
    Sink bad = new Sink(true);
    Sink none = new Sink(false);
    Sink d = new Sink(false);
    FanOut<Sink> out = FanOut.of(Signal.METRICS, sinks(a, bad, none, d), failures);

    FanOut<Sink> children = out.map(s -> {
      if (s == none) {
        return null;
      }
      s.wants();
      return new Sink(s == d);
    });

    assertThat(children.backends()).containsExactly("b0", "b3");
    children.each(s -> s.take("y"));
    // The child of d throws: counted under d's name, not under its position.
    assertThat(metrics.snapshot()).containsEntry("sink_failures.b1.metrics", 1L)
        .containsEntry("sink_failures.b3.metrics", 1L).hasSize(2);
  }

  @Test
  void emptyMeansNoBackend() {
    FanOut<Sink> out = FanOut.of(Signal.TRACES, sinks(), failures);
    assertThat(out.isEmpty()).isTrue();
    assertThat(out.size()).isZero();
    out.each(s -> s.take("never"));
    assertThat(metrics.snapshot()).isEmpty();
  }
}
