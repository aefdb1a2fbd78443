package dev.obskit.core.internal.trace;

import dev.obskit.api.SpanContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids of a span no trace backend gave ids to (none configured, or it failed): random W3C
 * ids, so that errors and logs still correlate with the span.
 */
final class SpanIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SpanIds() {}

  /** New ids for a span: in {@code parent}'s trace if it is valid, else in a new trace. */
  static SpanContext forChildOf(SpanContext parent) {
    if (parent.isValid()) {
      return SpanContext.create(parent.traceId(), spanId(), parent.traceFlags(), parent.traceState());
    }
    // A service without a trace backend does not veto recording downstream.
    // Our trace ids are random: the W3C Level 2 random flag says so downstream.
    return SpanContext.create(traceId(), spanId(), (byte) (SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM), "");
  }

  /** A random 32-digit lower-hex trace id, never all zero. */
  static String traceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = r.nextLong();
    long lo;
    do {
      lo = r.nextLong();
    } while (hi == 0 && lo == 0);
    char[] out = new char[32];
    hex(hi, out, 0);
    hex(lo, out, 16);
    return new String(out);
  }

  /** A random 16-digit lower-hex span id, never all zero. */
  static String spanId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long id;
    do {
      id = r.nextLong();
    } while (id == 0);
    char[] out = new char[16];
    hex(id, out, 0);
    return new String(out);
  }

  private static void hex(long v, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }
}
