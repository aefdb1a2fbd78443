package dev.obskit.core.internal.errors;

import java.lang.ref.WeakReference;

/**
 * The last few exceptions captured, by identity, so that one exception reported twice (the
 * application calls {@code captureError(e)} and also logs {@code log.error("...", e)} through an
 * obskit appender) becomes one error, as Sentry's own duplicate detection does. Bounded: the
 * oldest entry is forgotten first; weak, so a remembered exception never keeps its stack or its
 * causes alive.
 */
public final class RecentErrors {
  private static final int SIZE = 64;

  @SuppressWarnings("unchecked")
  private final WeakReference<Throwable>[] ring = new WeakReference[SIZE];
  /**
   * The identity hash of each entry of {@link #ring}: a capture compares 64 ints and follows a
   * reference only on a match, instead of dereferencing 64 weak references scattered over the heap.
   */
  private final int[] hashes = new int[SIZE];
  private int next;

  /** Remembers {@code error}; false when it was captured already (it is a duplicate). */
  public synchronized boolean firstCapture(Throwable error) {
    int hash = System.identityHashCode(error);
    for (int i = 0; i < SIZE; i++) {
      if (hashes[i] == hash) {
        WeakReference<Throwable> ref = ring[i];
        if (ref != null && ref.get() == error) {
          return false;
        }
      }
    }
    ring[next] = new WeakReference<>(error);
    hashes[next] = hash;
    next = (next + 1) % SIZE;
    return true;
  }
}
