package dev.obskit.spring.boot.micrometer;

import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionCounter;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionTimer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.internal.DefaultMeter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer {@link MeterRegistry} whose meters record through an obskit {@link Observability}:
 * Spring's and the application's Micrometer meters (JVM, HTTP server requests, connection pools,
 * {@code @Timed}) then take obskit's routing ({@code routing.metrics}), its input guards and its
 * cardinality budget ({@code limits.max_cardinality}) on their way to the metric backends.
 *
 * <p>Names and units follow Micrometer's OpenTelemetry conventions: the meter's dotted name is
 * kept ({@code http.server.requests}), tags become labels, and time is in seconds: a {@link
 * Timer} is a histogram with unit {@code s} (the Prometheus exporter then shows {@code
 * http_server_requests_seconds_bucket/_count/_sum}), with the boundaries that OpenTelemetry's
 * HTTP semantic conventions recommend unless the timer declares service-level objectives.
 *
 * <table>
 *   <caption>How each Micrometer meter is recorded</caption>
 *   <tr><th>Micrometer</th><th>obskit</th></tr>
 *   <tr><td>Counter</td><td>counter</td></tr>
 *   <tr><td>Timer</td><td>histogram in seconds</td></tr>
 *   <tr><td>DistributionSummary</td><td>histogram in the summary's base unit</td></tr>
 *   <tr><td>Gauge, TimeGauge</td><td>callback gauge, read at each collection</td></tr>
 *   <tr><td>FunctionCounter</td><td>callback gauge of the running total (obskit has no
 *       asynchronous counter)</td></tr>
 *   <tr><td>FunctionTimer</td><td>callback gauges {@code <name>.count} and {@code <name>.sum}
 *       (seconds)</td></tr>
 *   <tr><td>LongTaskTimer</td><td>callback gauges {@code <name>} (tasks running now) and
 *       {@code <name>.duration} (their total duration so far, seconds)</td></tr>
 *   <tr><td>other meters</td><td>one callback gauge, a label {@code statistic} per
 *       measurement</td></tr>
 * </table>
 *
 * <p>The meters also keep Micrometer's own cumulative statistics, so code that reads a meter back
 * ({@code counter.count()}, Actuator's {@code /actuator/metrics}) sees real values.
 */
public class ObskitMeterRegistry extends MeterRegistry {
  /** OpenTelemetry's recommended boundaries for HTTP durations, in seconds. */
  static final double[] SECONDS_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
      7.5, 10};

  private final Observability observability;
  /** Callback gauges per meter, closed when the meter is removed or the registry closes. */
  private final Map<Meter.Id, List<Registration>> registrations = new ConcurrentHashMap<>();

  /** A registry recording through {@code observability}. */
  public ObskitMeterRegistry(Observability observability) {
    this(observability, Clock.SYSTEM);
  }

  /** A registry recording through {@code observability}, with Micrometer's clock. */
  public ObskitMeterRegistry(Observability observability, Clock clock) {
    super(clock);
    this.observability = observability;
    config().namingConvention(NamingConvention.dot);
    config().onMeterRemoved(meter -> closeRegistrations(meter.getId()));
  }

  @Override
  protected TimeUnit getBaseTimeUnit() {
    return TimeUnit.SECONDS;
  }

  @Override
  protected DistributionStatisticConfig defaultHistogramConfig() {
    return DistributionStatisticConfig.DEFAULT;
  }

  // --- meters ---------------------------------------------------------------------------------

  @Override
  protected Counter newCounter(Meter.Id id) {
    dev.obskit.api.Counter counter = observability.counter(name(id), options(id, id.getBaseUnit(), null));
    Labels labels = labels(id);
    return new CumulativeCounter(id) {
      @Override
      public void increment(double amount) {
        super.increment(amount);
        counter.add(amount, labels);
      }
    };
  }

  @Override
  protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
    dev.obskit.api.Histogram target = observability.histogram(name(id), options(id, "s", bucketsOf(config,
        TimeUnit.SECONDS, SECONDS_BUCKETS)));
    Labels labels = labels(id);
    return new CumulativeTimer(id, clock, config, pauseDetector, TimeUnit.SECONDS, false) {
      @Override
      protected void recordNonNegative(long amount, TimeUnit unit) {
        super.recordNonNegative(amount, unit);
        target.record(unit.toNanos(amount) / 1e9, labels);
      }
    };
  }

  @Override
  protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config,
      double scale) {
    dev.obskit.api.Histogram target = observability.histogram(name(id), options(id, id.getBaseUnit(),
        bucketsOf(config, null, null)));
    Labels labels = labels(id);
    return new CumulativeDistributionSummary(id, clock, config, scale, false) {
      @Override
      protected void recordNonNegative(double amount) {
        super.recordNonNegative(amount);
        target.record(amount, labels);
      }
    };
  }

  @Override
  protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
    Gauge gauge = new DefaultGauge<>(id, obj, valueFunction);
    register(id, name(id), id.getBaseUnit(), labels(id), gauge::value);
    return gauge;
  }

  @Override
  protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
    FunctionCounter counter = new CumulativeFunctionCounter<>(id, obj, countFunction);
    register(id, name(id), id.getBaseUnit(), labels(id), counter::count);
    return counter;
  }

  @Override
  protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
      ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
    FunctionTimer timer = new CumulativeFunctionTimer<>(id, obj, countFunction, totalTimeFunction,
        totalTimeFunctionUnit, TimeUnit.SECONDS);
    Labels labels = labels(id);
    register(id, name(id) + ".count", null, labels, timer::count);
    register(id, name(id) + ".sum", "s", labels, () -> timer.totalTime(TimeUnit.SECONDS));
    return timer;
  }

  @Override
  protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
    DefaultLongTaskTimer timer = new DefaultLongTaskTimer(id, clock, TimeUnit.SECONDS, config, false);
    Labels labels = labels(id);
    register(id, name(id), "{task}", labels, timer::activeTasks);
    register(id, name(id) + ".duration", "s", labels, () -> timer.duration(TimeUnit.SECONDS));
    return timer;
  }

  @Override
  protected Meter newMeter(Meter.Id id, Meter.Type type, Iterable<Measurement> measurements) {
    Map<String, String> base = new LinkedHashMap<>();
    for (Tag tag : getConventionTags(id)) {
      base.put(tag.getKey(), tag.getValue());
    }
    for (Measurement measurement : measurements) {
      Map<String, String> withStatistic = new LinkedHashMap<>(base);
      withStatistic.put("statistic", measurement.getStatistic().getTagValueRepresentation());
      register(id, name(id), id.getBaseUnit(), Labels.of(withStatistic), measurement::getValue);
    }
    return new DefaultMeter(id, type, measurements);
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      new ArrayList<>(registrations.keySet()).forEach(this::closeRegistrations);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private String name(Meter.Id id) {
    return getConventionName(id);
  }

  private Labels labels(Meter.Id id) {
    List<Tag> tags = getConventionTags(id);
    if (tags.isEmpty()) {
      return Labels.empty();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Tag tag : tags) {
      map.put(tag.getKey(), tag.getValue());
    }
    return Labels.of(map);
  }

  private static InstrumentOptions options(Meter.Id id, String unit, double[] buckets) {
    InstrumentOptions.Builder options = InstrumentOptions.builder();
    if (unit != null && !unit.isEmpty()) {
      options.unit(unit);
    }
    if (id.getDescription() != null && !id.getDescription().isEmpty()) {
      options.description(id.getDescription());
    }
    if (buckets != null && buckets.length > 0) {
      options.buckets(buckets);
    }
    return options.build();
  }

  /**
   * The histogram's boundaries: the meter's service-level objectives when it declares some (in
   * the histogram's unit), else {@code fallback} (null: the backend's defaults).
   */
  private static double[] bucketsOf(DistributionStatisticConfig config, TimeUnit timeUnit, double[] fallback) {
    double[] slos = config == null ? null : config.getServiceLevelObjectiveBoundaries();
    if (slos == null || slos.length == 0) {
      return fallback;
    }
    double[] out = new double[slos.length];
    for (int i = 0; i < slos.length; i++) {
      // Micrometer keeps a timer's objectives in nanoseconds.
      out[i] = timeUnit == null ? slos[i] : slos[i] / 1e9;
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private void register(Meter.Id id, String name, String unit, Labels labels,
      java.util.function.DoubleSupplier value) {
    Registration registration = observability.gauge(name, options(id, unit, null), labels, value);
    registrations.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(registration);
  }

  private void closeRegistrations(Meter.Id id) {
    List<Registration> list = registrations.remove(id);
    if (list != null) {
      for (Registration registration : list) {
        try {
          registration.close();
        } catch (RuntimeException ignored) {
          // closing a gauge registration only stops reporting it; nothing to undo
        }
      }
    }
  }
}
