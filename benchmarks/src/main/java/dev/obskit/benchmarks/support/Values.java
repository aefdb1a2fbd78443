package dev.obskit.benchmarks.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A repeating sequence of histogram values spread over the default bucket range (0 to 10 000),
 * identical for every side, so that each side walks the same buckets.
 */
@State(Scope.Thread)
public class Values {
  private static final double[] SEQUENCE = new double[1024];

  static {
    // A fixed-seed LCG: no dependence on Random's implementation, same sequence in every fork.
    long x = 42;
    for (int i = 0; i < SEQUENCE.length; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      SEQUENCE[i] = ((x >>> 11) % 10_000_000L) / 1000.0;
    }
  }

  private int next;

  /** The next value of the sequence. */
  public double next() {
    return SEQUENCE[next++ & (SEQUENCE.length - 1)];
  }
}
