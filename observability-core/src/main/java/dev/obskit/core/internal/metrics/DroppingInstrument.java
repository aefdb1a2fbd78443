package dev.obskit.core.internal.metrics;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.Labels;
import dev.obskit.api.UpDownCounter;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.LifecycleState;
import java.util.function.Supplier;

/**
 * The handle returned for an instrument that cannot exist (invalid name, name already used with
 * another type): every measurement is dropped and counted, so the problem stays visible in the
 * self-metrics instead of silently vanishing.
 */
final class DroppingInstrument implements Counter, UpDownCounter, Histogram, Gauge {
  private final DropReporter drops;
  private final String reason;
  private final Supplier<String> why;
  private final LifecycleState lifecycle;

  DroppingInstrument(DropReporter drops, String reason, Supplier<String> why, LifecycleState lifecycle) {
    this.drops = drops;
    this.reason = reason;
    this.why = why;
    this.lifecycle = lifecycle;
  }

  private void drop() {
    // After close every late call counts as after_close, whatever else is wrong with it.
    if (lifecycle.isClosed()) {
      drops.count(DropReporter.AFTER_CLOSE_KEY);
      return;
    }
    drops.drop(reason, why);
  }

  @Override
  public void add(double value, Labels labels) {
    drop();
  }

  @Override
  public void add(double value) {
    drop();
  }

  @Override
  public void record(double value, Labels labels) {
    drop();
  }

  @Override
  public void record(double value) {
    drop();
  }

  @Override
  public void set(double value, Labels labels) {
    drop();
  }

  @Override
  public void set(double value) {
    drop();
  }
}
