package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.GlobalObservability;
import dev.obskit.api.Observability;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlobalAccessorTest {

  @AfterEach
  void reset() {
    GlobalObservability.resetForTesting();
  }

  @Test
  void buildAndRegisterGlobalSetsItOnceAndASecondAttemptFailsWithWhereTheFirstWas() {
    FakeProvider first = new FakeProvider("first");
    FakeProvider second = new FakeProvider("second");
    Observability obs = TestSdk.routedTo(first).buildAndRegisterGlobal();
    try {
      assertThat(GlobalObservability.get()).isSameAs(obs);
      assertThatThrownBy(() -> TestSdk.routedTo(second).buildAndRegisterGlobal())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set")
          .hasCauseInstanceOf(Throwable.class);
      // The loser is closed again, so it leaks no threads.
      assertThat(second.backend().closes.get()).isEqualTo(1);
      assertThat(GlobalObservability.get()).isSameAs(obs);
    } finally {
      obs.close();
    }
  }

  @Test
  void plainBuildLeavesTheGlobalAlone() {
    try (Observability obs = TestSdk.routedTo(new FakeProvider("x")).build()) {
      assertThat(GlobalObservability.isSet()).isFalse();
      assertThat(GlobalObservability.get()).isNotSameAs(obs);
    }
  }
}
