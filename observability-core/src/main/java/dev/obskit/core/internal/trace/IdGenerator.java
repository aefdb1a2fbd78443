package dev.obskit.core.internal.trace;

import java.util.concurrent.ThreadLocalRandom;

/** Random W3C ids for spans when no trace backend assigns them; never all-zero. */
public final class IdGenerator {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private IdGenerator() {}

  /** A random 32-digit lower-hex trace id, never all zero. */
  public static String traceId() {
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
  public static String spanId() {
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
