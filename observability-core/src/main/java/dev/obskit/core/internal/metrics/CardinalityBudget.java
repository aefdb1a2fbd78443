package dev.obskit.core.internal.metrics;

import dev.obskit.api.Labels;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Admits at most {@code max} distinct label sets for one instrument and keeps, for each admitted
 * set, what it was bound to (the backends' series for it): the only place where a label set is
 * looked up on the way to a backend. A label set is bound once, when it is first admitted; an
 * equal set built again finds the same series.
 *
 * @param <S> what an admitted label set is bound to
 */
public final class CardinalityBudget<S> {
  private final int max;
  private final Function<Labels, S> bind;
  private final ConcurrentHashMap<Labels, Admitted<S>> admitted = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  /**
   * The prebuilt label set seen most recently, so that a handle recording with one constant
   * finds its series without the map. A plain field: a stale read only costs the map lookup, and
   * an {@link Admitted} is immutable, so a racy read sees a complete one.
   */
  private Admitted<S> last;

  /** A budget of {@code max} label sets, each bound once with {@code bind}. */
  public CardinalityBudget(int max, Function<Labels, S> bind) {
    this.max = max;
    this.bind = bind;
  }

  /** One admitted label set and what it is bound to. */
  private static final class Admitted<S> {
    final Labels labels;
    final S bound;

    Admitted(Labels labels, S bound) {
      this.labels = labels;
      this.bound = bound;
    }
  }

  /** What {@code labels} is bound to if a measurement with it may be recorded, else null. */
  public S bound(Labels labels) {
    Admitted<S> l = last;
    if (l != null && l.labels == labels) {
      return l.bound;
    }
    Admitted<S> known = admitted.get(labels);
    if (known != null) {
      if (known.labels == labels) {
        // Only a prebuilt instance is worth remembering; one built per call is never seen again.
        last = known;
      }
      return known.bound;
    }
    return admitNew(labels);
  }

  private S admitNew(Labels labels) {
    // Nothing is ever removed, so "full" is final and needs no lock. A slot is reserved only
    // under the lock and only for a set not yet admitted: two threads racing on one new set
    // must not briefly hold two slots and make a third thread's legitimate set overflow.
    if (size.get() >= max) {
      Admitted<S> known = admitted.get(labels);
      return known == null ? null : known.bound;
    }
    Admitted<S> added;
    synchronized (this) {
      Admitted<S> raced = admitted.get(labels);
      if (raced != null) {
        return raced.bound;
      }
      if (size.get() >= max) {
        return null;
      }
      added = new Admitted<>(labels, bind.apply(labels));
      admitted.put(labels, added);
      // After the put: a reader that sees the budget full also sees this entry.
      size.incrementAndGet();
    }
    last = added;
    return added.bound;
  }

  /** Distinct label sets admitted so far. */
  public int size() {
    return size.get();
  }
}
