package dev.obskit.core.internal.metrics;

import dev.obskit.api.Labels;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits at most {@code max} distinct label sets for one instrument. The common case, a prebuilt
 * {@link Labels} constant recorded again and again, costs one identity comparison; a known label
 * set costs one lookup using the hash {@link Labels} caches. Nothing is allocated after a label
 * set was first admitted.
 */
public final class CardinalityBudget {
  private final int max;
  private final ConcurrentHashMap<Labels, Boolean> admitted = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  /**
   * The label set admitted most recently. A plain field on purpose: a stale read only costs the
   * map lookup, and Labels is immutable with final fields, so a racy read is safe.
   */
  private Labels last;

  public CardinalityBudget(int max) {
    this.max = max;
  }

  /** Whether a measurement with {@code labels} may be recorded. */
  public boolean admit(Labels labels) {
    if (labels == last) {
      return true;
    }
    if (admitted.containsKey(labels)) {
      last = labels;
      return true;
    }
    return admitNew(labels);
  }

  private boolean admitNew(Labels labels) {
    // Nothing is ever removed, so "full" is final and needs no lock. A slot is reserved only
    // under the lock and only for a set not yet admitted: two threads racing on one new set
    // must not briefly hold two slots and make a third thread's legitimate set overflow.
    if (size.get() >= max) {
      return admitted.containsKey(labels);
    }
    synchronized (this) {
      if (!admitted.containsKey(labels)) {
        if (size.get() >= max) {
          return false;
        }
        admitted.put(labels, Boolean.TRUE);
        // After the put: a reader that sees the budget full also sees this entry.
        size.incrementAndGet();
      }
    }
    last = labels;
    return true;
  }

  /** Distinct label sets admitted so far. */
  public int size() {
    return size.get();
  }
}
