package dev.obskit.core.internal.trace;

import dev.obskit.core.internal.Drops;

/**
 * Names of one kind (span names, span attribute names) already found valid, in a small
 * direct-mapped table indexed by the name's identity hash: a constant name (the usual case: a
 * literal or a constant, the same String instance every time) is checked with one array read and
 * an identity compare instead of the full length and blank checks. A name built per call (a new
 * String each time) always misses: it gets the full check, as before, and takes its slot over,
 * which costs the name that had the slot one more full check on its next use. The identity hash
 * rather than {@code String.hashCode()}: the latter inlines String's hashing loop, a few hundred
 * bytes of machine code in every caller.
 *
 * <p>Why it matters beyond the check itself: HotSpot will not inline a method whose compiled code
 * is over {@code InlineSmallCode} (2500 bytes on x86-64 C2) into its caller. With the full name
 * check inlined, {@link CoreSpan#setAttribute(String, String)} compiled to 2600-3000 bytes, so
 * every attribute was a call; with the tiny hit path it inlines into the application's code.
 *
 * <p>Plain reads and writes: a slot holds an immutable String or null, a stale read only means
 * one more full check, and only names that passed the check are ever stored.
 */
final class AcceptedNames {
  /** Slots of the table (a power of two). */
  private static final int SLOTS = 256;
  /** Longer names are checked every time: the table keeps at most 256 short strings alive. */
  private static final int MAX_REMEMBERED_LENGTH = 128;

  private final String[] slots = new String[SLOTS];
  private final Drops drops;
  private final String what;

  AcceptedNames(Drops drops, String what) {
    this.drops = drops;
    this.what = what;
  }

  /** Whether {@code name} is a valid name; on failure counts an {@code invalid_name} drop. */
  boolean check(String name) {
    if (name != null && slots[System.identityHashCode(name) & (SLOTS - 1)] == name) {
      return true;
    }
    return checkAndRemember(name);
  }

  // Out of line on purpose (see the class comment): only the hit path is inlined into callers.
  private boolean checkAndRemember(String name) {
    if (!drops.checkName(name, what)) {
      return false;
    }
    if (name.length() <= MAX_REMEMBERED_LENGTH) {
      slots[System.identityHashCode(name) & (SLOTS - 1)] = name;
    }
    return true;
  }
}
