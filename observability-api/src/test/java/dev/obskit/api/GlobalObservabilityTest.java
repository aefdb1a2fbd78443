package dev.obskit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlobalObservabilityTest {

  @AfterEach
  void reset() {
    GlobalObservability.resetForTesting();
  }

  @Test
  void noopUntilSet() {
    assertThat(GlobalObservability.isSet()).isFalse();
    assertThat(GlobalObservability.get()).isSameAs(Observability.noop());
  }

  @Test
  void secondSetFailsNamingTheFirstCaller() {
    Observability first = Observability.noop();
    GlobalObservability.set(first);
    assertThat(GlobalObservability.get()).isSameAs(first);
    assertThatThrownBy(() -> GlobalObservability.set(Observability.noop()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set")
        .cause().hasMessageContaining("first called here")
        .satisfies(t -> assertThat(t.getStackTrace()[0].getMethodName()).isEqualTo("set"))
        .satisfies(t -> assertThat(t.getStackTrace()[1].getMethodName()).isEqualTo("secondSetFailsNamingTheFirstCaller"));
  }

  @Test
  void nullIsRejectedWithAHint() {
    assertThatThrownBy(() -> GlobalObservability.set(null)).hasMessageContaining("Observability.noop()");
  }
}
