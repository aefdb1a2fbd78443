package dev.obskit.core.internal.metrics;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.LifecycleState;
import dev.obskit.core.internal.SinkFailures;
import java.util.function.Function;

/**
 * A bound instrument: validates each measurement, applies the cardinality budget, then hands it
 * to the backends' series for its label set, isolating each backend. One object serves all four
 * handle types (the type decides whether negative values are rejected). One subclass for one
 * backend, one for several.
 */
public abstract class GuardedInstrument implements Counter, UpDownCounter, Histogram, Gauge, NameBinding {
  private final String name;
  private final MetricType type;
  private final boolean monotonic;
  private final int maxCardinality;
  private final DropReporter drops;
  private final String overflowKey;
  /** Set once when the SDK closes (see {@link InstrumentRegistry#markClosed()}). */
  private volatile boolean closed;
  protected final SinkFailures failures;

  GuardedInstrument(String name, MetricType type, int maxCardinality, DropReporter drops, SinkFailures failures,
      LifecycleState lifecycle) {
    this.name = name;
    this.type = type;
    this.monotonic = type == MetricType.COUNTER;
    this.maxCardinality = maxCardinality;
    this.drops = drops;
    this.failures = failures;
    this.closed = lifecycle.isClosed();
    this.overflowKey = "cardinality_overflow." + name;
  }

  /** An instrument over the given backend instruments (parallel arrays). */
  public static GuardedInstrument create(String name, MetricType type, int maxCardinality, String[] backends,
      MetricInstrument[] instruments, DropReporter drops, SinkFailures failures, LifecycleState lifecycle) {
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
    if (closed) {
      afterClose();
      return;
    }
    if (!Double.isFinite(value) || (monotonic && value < 0)) {
      rejectValue(value);
      return;
    }
    deliver(value, labels == null ? Labels.empty() : labels);
  }

  /** Drops everything recorded from now on (the SDK was closed). */
  void markClosed() {
    closed = true;
  }

  private void afterClose() {
    // A constant key and no warning: counted like the facade's late calls.
    drops.count(DropReporter.AFTER_CLOSE_KEY);
  }

  private void rejectValue(double value) {
    if (!Double.isFinite(value)) {
      drops.drop(DropReporter.NON_FINITE_VALUE, () -> "metric '" + name + "' got " + value);
    } else {
      drops.drop(DropReporter.NEGATIVE_COUNTER_INCREMENT, () -> "counter '" + name + "' got " + value
          + "; use an up-down counter for values that go down");
    }
  }

  /** A budget of this instrument's size whose label sets are bound with {@code bind}. */
  final <S> CardinalityBudget<S> budget(Function<Labels, S> bind) {
    return new CardinalityBudget<>(maxCardinality, bind);
  }

  /** A measurement whose label set did not fit in the budget: dropped, counted, warned about. */
  final void overflow(Labels labels) {
    drops.count("dropped." + DropReporter.CARDINALITY_OVERFLOW);
    drops.countAndWarn(overflowKey, 1, () -> "obskit metric '" + name + "' exceeded its cardinality budget of "
        + maxCardinality + " distinct label sets (limits.max_cardinality); dropping new label sets such as "
        + labels);
  }

  /** Hands a valid measurement to the backends' series for {@code labels}, if the budget admits them. */
  abstract void deliver(double value, Labels labels);

  /**
   * {@code instrument}'s series for {@code labels}; if the backend fails to bind it (counted),
   * a series that records through the instrument with the labels.
   */
  final MetricInstrument.Series bind(String backend, MetricInstrument instrument, Labels labels) {
    try {
      MetricInstrument.Series series = instrument.bind(labels);
      if (series != null) {
        return series;
      }
    } catch (Throwable t) {
      failures.failed(backend, Signal.METRICS, t);
    }
    return value -> instrument.record(value, labels);
  }

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
    private final CardinalityBudget<MetricInstrument.Series> series;

    Single(String name, MetricType type, int maxCardinality, String backend, MetricInstrument instrument, DropReporter drops,
        SinkFailures failures, LifecycleState lifecycle) {
      super(name, type, maxCardinality, drops, failures, lifecycle);
      this.backend = backend;
      this.series = budget(labels -> bind(backend, instrument, labels));
    }

    @Override
    void deliver(double value, Labels labels) {
      MetricInstrument.Series s = series.bound(labels);
      if (s == null) {
        overflow(labels);
        return;
      }
      try {
        s.record(value);
      } catch (Throwable t) {
        failures.failed(backend, Signal.METRICS, t);
      }
    }
  }

  private static final class FanOut extends GuardedInstrument {
    private final String[] backends;
    /** Per label set, one series per backend (parallel to {@code backends}). */
    private final CardinalityBudget<MetricInstrument.Series[]> series;

    FanOut(String name, MetricType type, int maxCardinality, String[] backends, MetricInstrument[] instruments,
        DropReporter drops, SinkFailures failures, LifecycleState lifecycle) {
      super(name, type, maxCardinality, drops, failures, lifecycle);
      this.backends = backends.clone();
      MetricInstrument[] each = instruments.clone();
      this.series = budget(labels -> {
        MetricInstrument.Series[] bound = new MetricInstrument.Series[each.length];
        for (int i = 0; i < each.length; i++) {
          bound[i] = bind(this.backends[i], each[i], labels);
        }
        return bound;
      });
    }

    @Override
    void deliver(double value, Labels labels) {
      MetricInstrument.Series[] bound = series.bound(labels);
      if (bound == null) {
        overflow(labels);
        return;
      }
      for (int i = 0; i < bound.length; i++) {
        try {
          bound[i].record(value);
        } catch (Throwable t) {
          failures.failed(backends[i], Signal.METRICS, t);
        }
      }
    }
  }
}
