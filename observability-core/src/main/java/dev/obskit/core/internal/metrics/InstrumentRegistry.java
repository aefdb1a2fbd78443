package dev.obskit.core.internal.metrics;

import dev.obskit.api.Counter;
import dev.obskit.api.Gauge;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Registration;
import dev.obskit.api.UpDownCounter;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.InputChecks;
import dev.obskit.core.internal.LifecycleState;
import dev.obskit.core.internal.SinkFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Resolves instruments by name once and caches them: a name belongs to one type for the life of
 * the SDK (a second type is a {@code type_conflict}). The first options given for a name win.
 * One map decides each name's type, atomically per name, for bound instruments and callback
 * gauges alike.
 */
public final class InstrumentRegistry {
  private final String[] backends;
  private final MetricSink[] sinks;
  private final DropReporter drops;
  private final InputChecks checks;
  private final SinkFailures failures;
  private final LifecycleState lifecycle;
  /** A name's instrument, or {@link CallbackGaugeName} while only callback gauges use it. */
  private final ConcurrentHashMap<String, NameBinding> byName = new ConcurrentHashMap<>();
  /** Names created (instruments and callback gauges); bounded by {@code limits.max_metric_names}. */
  private final java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();

  /** A registry over the metric sinks of the routed backends (name -> sink, in routing order). */
  public InstrumentRegistry(Map<String, MetricSink> sinks, DropReporter drops, InputChecks checks,
      SinkFailures failures, LifecycleState lifecycle) {
    this.backends = sinks.keySet().toArray(new String[0]);
    this.sinks = sinks.values().toArray(new MetricSink[0]);
    this.drops = drops;
    this.checks = checks;
    this.failures = failures;
    this.lifecycle = lifecycle;
  }

  /** The cached counter for {@code name}; a dropping handle if the name is invalid or has another type. */
  public Counter counter(String name, InstrumentOptions options) {
    return handle(name, MetricType.COUNTER, options);
  }

  /** The cached up-down counter for {@code name} (see {@link #counter}). */
  public UpDownCounter upDownCounter(String name, InstrumentOptions options) {
    return handle(name, MetricType.UP_DOWN_COUNTER, options);
  }

  /** The cached histogram for {@code name} (see {@link #counter}). */
  public Histogram histogram(String name, InstrumentOptions options) {
    return handle(name, MetricType.HISTOGRAM, options);
  }

  /** The cached gauge for {@code name} (see {@link #counter}). */
  public Gauge gauge(String name, InstrumentOptions options) {
    return handle(name, MetricType.GAUGE, options);
  }

  /** Whether any backend receives metrics; when not, the facade skips recording altogether. */
  public boolean hasSinks() {
    return sinks.length > 0;
  }

  /** Makes every instrument drop from now on; instruments created later start closed. */
  public void markClosed() {
    for (NameBinding bound : byName.values()) {
      if (bound instanceof GuardedInstrument) {
        ((GuardedInstrument) bound).markClosed();
      }
    }
  }

  /** Records one measurement by name (the convenient, slower path). */
  public void record(String name, double value, Labels labels, MetricType type) {
    if (type == null) {
      drops.drop(DropReporter.INVALID_NAME, () -> "metric '" + name + "' recorded with a null type");
      return;
    }
    NameBinding cached = name == null ? null : byName.get(name);
    if (cached instanceof GuardedInstrument && cached.type() == type) {
      ((GuardedInstrument) cached).record(value, labels);
      return;
    }
    Object handle = handle(name, type, InstrumentOptions.defaults());
    if (handle instanceof GuardedInstrument) {
      ((GuardedInstrument) handle).record(value, labels);
    } else {
      ((DroppingInstrument) handle).record(value, labels);
    }
  }

  /** Registers a callback gauge in every metric sink. */
  public Registration callbackGauge(String name, InstrumentOptions options, Labels labels, DoubleSupplier callback) {
    if (!checks.validMetricName(name)) {
      drops.drop(DropReporter.INVALID_NAME, () -> "gauge name '" + abbreviate(String.valueOf(name)) + "' is not "
          + checks.metricNameRule());
      return Registration.noop();
    }
    if (callback == null) {
      drops.drop(DropReporter.INVALID_NAME, () -> "gauge '" + name + "' registered with a null callback");
      return Registration.noop();
    }
    NameBinding bound = byName.get(name);
    if (bound == null) {
      if (!admitNewName(name)) {
        return Registration.noop();
      }
      bound = byName.computeIfAbsent(name, n -> {
        names.incrementAndGet();
        return CallbackGaugeName.INSTANCE;
      });
    }
    if (bound.type() != MetricType.GAUGE) {
      MetricType existing = bound.type();
      drops.drop(DropReporter.TYPE_CONFLICT, () -> conflictMessage(name, existing, MetricType.GAUGE));
      return Registration.noop();
    }
    InstrumentDescriptor descriptor = InstrumentDescriptor.of(name, MetricType.GAUGE,
        options == null ? InstrumentOptions.defaults() : options);
    Labels l = labels == null ? Labels.empty() : labels;
    DoubleSupplier safe = () -> {
      try {
        return callback.getAsDouble();
      } catch (Throwable t) {
        drops.count("dropped.gauge_callback_failure");
        drops.warn("gauge_callback_failure." + name,
            () -> "obskit callback of gauge '" + name + "' threw; reporting NaN for this collection", t);
        return Double.NaN;
      }
    };
    List<String> names = new ArrayList<>();
    List<Registration> registrations = new ArrayList<>();
    for (int i = 0; i < sinks.length; i++) {
      try {
        Registration r = sinks[i].callbackGauge(descriptor, l, safe);
        if (r != null) {
          names.add(backends[i]);
          registrations.add(r);
        }
      } catch (Throwable t) {
        failures.failed(backends[i], Signal.METRICS, t);
      }
    }
    return new FanOutRegistration(names, registrations, failures);
  }

  @SuppressWarnings("unchecked")
  private <T> T handle(String name, MetricType type, InstrumentOptions options) {
    // Invalid or conflicting handles count a drop per measurement, not at creation.
    if (!checks.validMetricName(name)) {
      String shown = String.valueOf(name);
      return (T) new DroppingInstrument(drops, DropReporter.INVALID_NAME,
          () -> "metric name '" + abbreviate(shown) + "' is not " + checks.metricNameRule(), lifecycle);
    }
    NameBinding bound = byName.get(name);
    if (bound == null && names.get() >= checks.limits().maxMetricNames()) {
      return (T) new DroppingInstrument(drops, DropReporter.METRIC_NAME_LIMIT, () -> nameLimitMessage(name), lifecycle);
    }
    if (!(bound instanceof GuardedInstrument)) {
      // Atomic per name: a racing callback gauge either came first (then only a gauge may join
      // it) or waits and sees this instrument's type.
      InstrumentOptions opts = options == null ? InstrumentOptions.defaults() : options;
      bound = byName.compute(name, (n, v) -> v == null || (v == CallbackGaugeName.INSTANCE && type == MetricType.GAUGE)
          ? create(n, type, opts) : v);
    }
    if (bound.type() != type) {
      return (T) conflict(name, bound.type(), type);
    }
    GuardedInstrument instrument = (GuardedInstrument) bound;
    if (lifecycle.isClosed()) {
      // Created while (or after) markClosed() ran: it may have missed this one.
      instrument.markClosed();
    }
    return (T) instrument;
  }

  /**
   * Whether a name not seen before may be added; false (counted) beyond {@code
   * limits.max_metric_names}. Names usually come from code, so a stream of new names is a bug
   * (an id in the name): without the bound each would cost memory forever and make the next one
   * slower to register in the backends.
   */
  private boolean admitNewName(String name) {
    if (names.get() >= checks.limits().maxMetricNames()) {
      drops.drop(DropReporter.METRIC_NAME_LIMIT, () -> nameLimitMessage(name));
      return false;
    }
    return true;
  }

  private String nameLimitMessage(String name) {
    return "metric '" + abbreviate(String.valueOf(name)) + "' is a new name beyond limits.max_metric_names="
        + checks.limits().maxMetricNames() + " (put ids in labels, not in names, or raise the limit)";
  }

  private DroppingInstrument conflict(String name, MetricType existing, MetricType requested) {
    return new DroppingInstrument(drops, DropReporter.TYPE_CONFLICT, () -> conflictMessage(name, existing, requested),
        lifecycle);
  }

  private static String conflictMessage(String name, MetricType existing, MetricType requested) {
    return "metric '" + name + "' is a " + existing + " and cannot also be used as a " + requested;
  }

  private GuardedInstrument create(String name, MetricType type, InstrumentOptions options) {
    names.incrementAndGet();
    InstrumentDescriptor descriptor = InstrumentDescriptor.of(name, type, options);
    List<String> names = new ArrayList<>(sinks.length);
    List<MetricInstrument> instruments = new ArrayList<>(sinks.length);
    for (int i = 0; i < sinks.length; i++) {
      try {
        MetricInstrument inst = sinks[i].instrument(descriptor);
        if (inst != null) {
          names.add(backends[i]);
          instruments.add(inst);
        }
      } catch (Throwable t) {
        failures.failed(backends[i], Signal.METRICS, t);
      }
    }
    if (instruments.isEmpty()) {
      names.add("none");
      instruments.add(MetricInstrument.noop());
    }
    return GuardedInstrument.create(name, type, checks.limits().maxCardinality(), names.toArray(new String[0]),
        instruments.toArray(new MetricInstrument[0]), drops, failures, lifecycle);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** Closes every backend's registration, each in isolation. */
  private static final class FanOutRegistration implements Registration {
    private final List<String> backends;
    private final List<Registration> registrations;
    private final SinkFailures failures;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    FanOutRegistration(List<String> backends, List<Registration> registrations, SinkFailures failures) {
      this.backends = backends;
      this.registrations = registrations;
      this.failures = failures;
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      for (int i = 0; i < registrations.size(); i++) {
        try {
          registrations.get(i).close();
        } catch (Throwable t) {
          failures.failed(backends.get(i), Signal.METRICS, t);
        }
      }
    }
  }
}
