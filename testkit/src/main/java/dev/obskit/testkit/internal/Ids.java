package dev.obskit.testkit.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Random W3C trace and span ids (lowercase hex, never all zero). */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** A random 32-hex-digit trace id. */
  public static String traceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi;
    long lo;
    do {
      hi = r.nextLong();
      lo = r.nextLong();
    } while (hi == 0 && lo == 0);
    return hex(hi) + hex(lo);
  }

  /** A random 16-hex-digit span id. */
  public static String spanId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long id;
    do {
      id = r.nextLong();
    } while (id == 0);
    return hex(id);
  }

  private static String hex(long v) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
    return new String(out);
  }
}
