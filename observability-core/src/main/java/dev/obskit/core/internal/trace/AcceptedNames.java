package dev.obskit.core.internal.trace;

import dev.obskit.core.internal.InputChecks;

/**
 * Names of one kind (span names, span attribute names) already found valid, in a small table
 * indexed by the name's identity hash: a constant name (a literal or a constant, the same String
 * instance every time) is checked once, then found with one array read. A name built per call
 * always misses and gets the full check; it takes the slot over, so the name that had the slot
 * is checked in full once more on its next use. docs/performance.md says why the span path
 * needs this table.
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
  private final InputChecks checks;
  private final String what;

  AcceptedNames(InputChecks checks, String what) {
    this.checks = checks;
    this.what = what;
  }

  /** Whether {@code name} is a valid name; on failure counts an {@code invalid_name} drop. */
  boolean check(String name) {
    if (name != null && slots[System.identityHashCode(name) & (SLOTS - 1)] == name) {
      return true;
    }
    return checkAndRemember(name);
  }

  private boolean checkAndRemember(String name) {
    if (!checks.checkName(name, what)) {
      return false;
    }
    if (name.length() <= MAX_REMEMBERED_LENGTH) {
      slots[System.identityHashCode(name) & (SLOTS - 1)] = name;
    }
    return true;
  }
}
