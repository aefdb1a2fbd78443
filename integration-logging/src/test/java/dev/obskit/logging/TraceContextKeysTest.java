package dev.obskit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.SpanContext;
import org.junit.jupiter.api.Test;

/** The trace-flags value written into the MDC keeps the whole W3C byte, not only the sampled bit. */
class TraceContextKeysTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void writesTheTwoHexDigitsOfTheRealFlagsByte() {
    assertThat(TraceContextKeys.flags(SpanContext.create(TRACE, SPAN, (byte) 0x03, ""))).isEqualTo("03");
    assertThat(TraceContextKeys.flags(SpanContext.create(TRACE, SPAN, (byte) 0x01, ""))).isEqualTo("01");
    assertThat(TraceContextKeys.flags(SpanContext.create(TRACE, SPAN, (byte) 0x00, ""))).isEqualTo("00");
    assertThat(TraceContextKeys.flags(SpanContext.create(TRACE, SPAN, (byte) 0xff, ""))).isEqualTo("ff");
  }
}
