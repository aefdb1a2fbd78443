package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.common.Attributes;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * One counter series (an instrument and one attribute set) whose additions wait in a
 * {@link DoubleAdder} until the next collection hands their sum to the SDK (see
 * {@link PendingSums}).
 */
final class PendingSum {
  /** Where a flushed sum goes: the SDK instrument's {@code add(double, Attributes)}. */
  @FunctionalInterface
  interface Target {
    void add(double value, Attributes attributes);
  }

  private final Target target;
  private final Attributes attributes;
  private final DoubleAdder pending = new DoubleAdder();
  /** Only the collecting thread reads and writes it (flushes are serialised by the SDK). */
  private boolean handedOver;

  PendingSum(Target target, Attributes attributes) {
    this.target = target;
    this.attributes = attributes;
  }

  Attributes attributes() {
    return attributes;
  }

  /** The hot path: no look-up, no allocation once the adder is warm. */
  void add(double value) {
    pending.add(value);
  }

  /**
   * Hands what was added since the last flush to the SDK. The first flush always does, even a
   * zero sum, so that a series appears in the collection after its first recording exactly as it
   * would had each call gone to the SDK; after that a zero sum adds nothing and is skipped.
   */
  void flush() {
    double sum = pending.sumThenReset();
    if (sum != 0 || !handedOver) {
      handedOver = true;
      target.add(sum, attributes);
    }
  }
}
