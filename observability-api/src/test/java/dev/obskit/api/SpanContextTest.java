package dev.obskit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpanContextTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void validContext() {
    SpanContext c = SpanContext.create(TRACE, SPAN, true, "congo=t61rcWkgMzE");
    assertThat(c.isValid()).isTrue();
    assertThat(c.isRemote()).isFalse();
    assertThat(c.traceState()).isEqualTo("congo=t61rcWkgMzE");
    assertThat(SpanContext.createRemote(TRACE, SPAN, false, null).isRemote()).isTrue();
  }

  @Test
  void invalidIsNotValid() {
    assertThat(SpanContext.invalid().isValid()).isFalse();
    assertThat(SpanContext.invalid().traceId()).hasSize(32).matches("0+");
  }

  @Test
  void rejectsMalformedIds() {
    assertThatThrownBy(() -> SpanContext.create("00000000000000000000000000000000", SPAN, true, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trace id");
    assertThatThrownBy(() -> SpanContext.create(TRACE.toUpperCase(), SPAN, true, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpanContext.create(TRACE, "0000000000000000", true, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("span id");
    assertThatThrownBy(() -> SpanContext.create(TRACE, "abc", true, "")).isInstanceOf(IllegalArgumentException.class);
    assertThat(SpanContext.isValidTraceId("4bf92f3577b34da6a3ce929d0e0e473g")).isFalse();
  }
}
