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
    if (size.incrementAndGet() > max) {
      size.decrementAndGet();
      // Another thread may have admitted this very set meanwhile.
      return admitted.containsKey(labels);
    }
    if (admitted.putIfAbsent(labels, Boolean.TRUE) != null) {
      size.decrementAndGet();
    }
    last = labels;
    return true;
  }

  /** Distinct label sets admitted so far. */
  public int size() {
    return size.get();
  }
}
