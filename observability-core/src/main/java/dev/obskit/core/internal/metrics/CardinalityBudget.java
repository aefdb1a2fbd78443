package dev.obskit.core.internal.metrics;

import dev.obskit.api.Labels;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits at most {@code max} distinct label sets for one instrument. The common case, a prebuilt
 * {@link Labels} constant recorded again and again, costs one identity comparison; a known label
 * set costs one lookup using the hash {@link Labels} caches. Nothing is allocated after a label
 * set was first admitted.
 *
 * <p>Admission answers with the <em>canonical</em> instance of an admitted label set (the first
 * one seen): labels built per call are thus replaced by an instance whose backend conversions
 * (for example OpenTelemetry {@code Attributes}) were computed once and are cached on it.
 */
public final class CardinalityBudget {
  private final int max;
  private final ConcurrentHashMap<Labels, Labels> admitted = new ConcurrentHashMap<>();
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
    return canonical(labels) != null;
  }

  /**
   * The canonical instance equal to {@code labels} if a measurement with it may be recorded,
   * else null.
   */
  public Labels canonical(Labels labels) {
    Labels l = last;
    if (labels == l) {
      return l;
    }
    Labels known = admitted.get(labels);
    if (known != null) {
      if (known == labels) {
        // Only a prebuilt instance is worth remembering; one built per call is never seen again.
        last = known;
      }
      return known;
    }
    return admitNew(labels);
  }

  private Labels admitNew(Labels labels) {
    // Nothing is ever removed, so "full" is final and needs no lock. A slot is reserved only
    // under the lock and only for a set not yet admitted: two threads racing on one new set
    // must not briefly hold two slots and make a third thread's legitimate set overflow.
    if (size.get() >= max) {
      return admitted.get(labels);
    }
    synchronized (this) {
      Labels raced = admitted.get(labels);
      if (raced != null) {
        return raced;
      }
      if (size.get() >= max) {
        return null;
      }
      admitted.put(labels, labels);
      // After the put: a reader that sees the budget full also sees this entry.
      size.incrementAndGet();
    }
    last = labels;
    return labels;
  }

  /** Distinct label sets admitted so far. */
  public int size() {
    return size.get();
  }
}
