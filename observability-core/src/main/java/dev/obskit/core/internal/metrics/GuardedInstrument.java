package dev.obskit.core.internal.metrics;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.Drops;
import dev.obskit.core.internal.LifecycleState;
import dev.obskit.core.internal.SinkFailures;

/**
 * A bound instrument: validates each measurement, applies the cardinality budget, then hands it
 * to the backends' instruments, isolating each one. One object serves all four handle types
 * (the type decides whether negative values are rejected); a subclass per sink count keeps the
 * single-backend case free of a loop.
 */
public abstract class GuardedInstrument implements Counter, UpDownCounter, Histogram, Gauge, NameBinding {
  private final String name;
  private final MetricType type;
  private final boolean monotonic;
  private final CardinalityBudget budget;
  private final Drops drops;
  private final String overflowKey;
  /** Set once when the SDK closes (see {@link InstrumentRegistry#markClosed()}). */
  private volatile boolean closed;
  protected final SinkFailures failures;

  GuardedInstrument(String name, MetricType type, int maxCardinality, Drops drops, SinkFailures failures,
      LifecycleState lifecycle) {
    this.name = name;
    this.type = type;
    this.monotonic = type == MetricType.COUNTER;
    this.budget = new CardinalityBudget(maxCardinality);
    this.drops = drops;
    this.failures = failures;
    this.closed = lifecycle.isClosed();
    this.overflowKey = "cardinality_overflow." + name;
  }

  /** An instrument over the given backend instruments (parallel arrays). */
  public static GuardedInstrument create(String name, MetricType type, int maxCardinality, String[] backends,
      MetricInstrument[] instruments, Drops drops, SinkFailures failures, LifecycleState lifecycle) {
    if (instruments.length == 1) {
      return new Single(name, type, maxCardinality, backends[0], instruments[0], drops, failures, lifecycle);
    }
    return new FanOut(name, type, maxCardinality, backends, instruments, drops, failures, lifecycle);
  }

  /** The metric name. */
  public String name() {
    return name;
  }

  /** The one type this name has for the life of the SDK. */
  public MetricType type() {
    return type;
  }

  /** Validates one measurement and delivers it. Never throws. */
  public final void record(double value, Labels labels) {
    // A field of this instrument rather than the SDK's lifecycle: one load less on every call.
    if (closed) {
      afterClose();
      return;
    }
    if (!Double.isFinite(value) || (monotonic && value < 0)) {
      rejectValue(value);
      return;
    }
    Labels given = labels == null ? Labels.empty() : labels;
    Labels l = budget.canonical(given);
    if (l == null) {
      overflow(given);
      return;
    }
    deliver(value, l);
  }

  /** Drops everything recorded from now on (the SDK was closed). */
  void markClosed() {
    closed = true;
  }

  // The cold paths live in their own methods so that record() stays small enough to inline.
  private void afterClose() {
    // A constant key and no warning: counted like the facade's late calls, without allocating.
    drops.metrics().increment(Drops.AFTER_CLOSE_KEY);
  }

  private void rejectValue(double value) {
    if (!Double.isFinite(value)) {
      drops.drop(Drops.NON_FINITE_VALUE, () -> "metric '" + name + "' got " + value);
    } else {
      drops.drop(Drops.NEGATIVE_COUNTER_INCREMENT, () -> "counter '" + name + "' got " + value
          + "; use an up-down counter for values that go down");
    }
  }

  private void overflow(Labels labels) {
    drops.metrics().increment("dropped." + Drops.CARDINALITY_OVERFLOW);
    drops.metrics().increment(overflowKey);
    drops.warnings().warn(overflowKey, () -> "obskit metric '" + name + "' exceeded its cardinality budget of "
        + drops.limits().maxCardinality() + " distinct label sets (limits.max_cardinality); dropping new label sets such as "
        + labels);
  }

  abstract void deliver(double value, Labels labels);

  @Override
  public final void add(double value, Labels labels) {
    record(value, labels);
  }

  @Override
  public final void add(double value) {
    record(value, Labels.empty());
  }

  @Override
  public final void record(double value) {
    record(value, Labels.empty());
  }

  @Override
  public final void set(double value, Labels labels) {
    record(value, labels);
  }

  @Override
  public final void set(double value) {
    record(value, Labels.empty());
  }

  @Override
  public String toString() {
    return type + " " + name;
  }

  private static final class Single extends GuardedInstrument {
    private final String backend;
    private final MetricInstrument instrument;

    Single(String name, MetricType type, int maxCardinality, String backend, MetricInstrument instrument, Drops drops,
        SinkFailures failures, LifecycleState lifecycle) {
      super(name, type, maxCardinality, drops, failures, lifecycle);
      this.backend = backend;
      this.instrument = instrument;
    }

    @Override
    void deliver(double value, Labels labels) {
      try {
        instrument.record(value, labels);
      } catch (Throwable t) {
        failures.failed(backend, Signal.METRICS, t);
      }
    }
  }

  private static final class FanOut extends GuardedInstrument {
    private final String[] backends;
    private final MetricInstrument[] instruments;

    FanOut(String name, MetricType type, int maxCardinality, String[] backends, MetricInstrument[] instruments,
        Drops drops, SinkFailures failures, LifecycleState lifecycle) {
      super(name, type, maxCardinality, drops, failures, lifecycle);
      this.backends = backends.clone();
      this.instruments = instruments.clone();
    }

    @Override
    void deliver(double value, Labels labels) {
      for (int i = 0; i < instruments.length; i++) {
        try {
          instruments[i].record(value, labels);
        } catch (Throwable t) {
          failures.failed(backends[i], Signal.METRICS, t);
        }
      }
    }
  }
}
