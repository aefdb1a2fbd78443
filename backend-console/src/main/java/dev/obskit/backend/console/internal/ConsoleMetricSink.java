package dev.obskit.backend.console.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Registration;
import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;

/**
 * Aggregates measurements per instrument and label set and prints them as one aligned table at
 * flush and close ({@code metrics: summary}), or prints one line per recording ({@code metrics:
 * each}). Recording in summary mode allocates nothing once a series exists.
 */
public final class ConsoleMetricSink implements MetricSink {
  /** Self-metric key for series refused because an instrument has too many label sets. */
  public static final String DROPPED_SERIES = "console.dropped_series";
  /** A safety net only: the core enforces the real cardinality budget before we see labels. */
  static final int MAX_SERIES_PER_INSTRUMENT = 2000;

  private final boolean eachMode;
  private final ConsoleOutput output;
  private final Style style;
  private final SelfMetrics selfMetrics;
  private final String serviceName;
  private final Map<InstrumentDescriptor, Instrument> instruments = new ConcurrentHashMap<>();
  private final List<CallbackGauge> callbackGauges = new CopyOnWriteArrayList<>();
  private volatile boolean dirty;
  private volatile boolean printedOnce;

  public ConsoleMetricSink(boolean eachMode, ConsoleOutput output, Style style, SelfMetrics selfMetrics, String serviceName) {
    this.eachMode = eachMode;
    this.output = output;
    this.style = style;
    this.selfMetrics = selfMetrics;
    this.serviceName = serviceName;
  }

  @Override
  public MetricInstrument instrument(InstrumentDescriptor descriptor) {
    Instrument instrument = instruments.computeIfAbsent(descriptor, Instrument::new);
    return eachMode ? (value, labels) -> printEach(descriptor, value, labels) : instrument;
  }

  @Override
  public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
    CallbackGauge gauge = new CallbackGauge(descriptor, labels, callback);
    callbackGauges.add(gauge);
    dirty = true;
    return () -> callbackGauges.remove(gauge);
  }

  /** Prints the summary table (summary mode) or the callback gauges' values (each mode). */
  public void report() {
    if (eachMode) {
      for (CallbackGauge g : callbackGauges) {
        printEach(g.descriptor, g.read(), g.labels);
      }
      return;
    }
    if (!dirty && printedOnce) {
      return;
    }
    // Cleared before reading, so a recording racing with this report marks the next one dirty.
    dirty = false;
    String table = summary();
    printedOnce = true;
    if (!table.isEmpty()) {
      output.write(table);
    }
  }

  /** The summary table; empty when nothing was ever recorded. */
  String summary() {
    List<String[]> rows = new ArrayList<>();
    List<InstrumentDescriptor> descriptors = new ArrayList<>(instruments.keySet());
    descriptors.sort(Comparator.comparing(InstrumentDescriptor::name).thenComparing(d -> d.type().name()));
    for (InstrumentDescriptor d : descriptors) {
      Instrument instrument = instruments.get(d);
      List<Map.Entry<Labels, Object>> series = new ArrayList<>(instrument.series.entrySet());
      series.sort(Comparator.comparing(e -> e.getKey().toString()));
      for (Map.Entry<Labels, Object> e : series) {
        rows.add(row(d, e.getKey(), instrument.render(e.getValue())));
      }
    }
    List<CallbackGauge> gauges = new ArrayList<>(callbackGauges);
    gauges.sort(Comparator.comparing(g -> g.descriptor.name()));
    for (CallbackGauge g : gauges) {
      rows.add(row(g.descriptor, g.labels, Format.number(g.read())));
    }
    if (rows.isEmpty()) {
      return "";
    }
    // Stable sort: instruments keep their label order, callback gauges fall into name order.
    rows.sort(Comparator.comparing(r -> r[0]));
    String[] header = {"METRIC", "TYPE", "LABELS", "UNIT", "VALUE"};
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] r : rows) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder();
    sb.append(style.bold("METRICS " + serviceName + " (totals since start)")).append(nl);
    sb.append(style.dim(line(header, widths))).append(nl);
    for (String[] r : rows) {
      sb.append(line(r, widths)).append(nl);
    }
    return sb.toString();
  }

  private static String[] row(InstrumentDescriptor d, Labels labels, String value) {
    String labelText = labels.isEmpty() ? "-" : labels.toString().substring(1, labels.toString().length() - 1);
    return new String[] {d.name(), typeName(d.type()), labelText, d.unit().isEmpty() ? "-" : d.unit(), value};
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder sb = new StringBuilder("  ");
    for (int i = 0; i < cells.length; i++) {
      boolean last = i == cells.length - 1;
      sb.append(last ? cells[i] : Format.padRight(cells[i], widths[i] + 2));
    }
    return sb.toString();
  }

  static String typeName(MetricType type) {
    switch (type) {
      case COUNTER:
        return "counter";
      case UP_DOWN_COUNTER:
        return "updown";
      case HISTOGRAM:
        return "histogram";
      default:
        return "gauge";
    }
  }

  private void printEach(InstrumentDescriptor d, double value, Labels labels) {
    String op;
    switch (d.type()) {
      case COUNTER:
      case UP_DOWN_COUNTER:
        op = (value >= 0 ? "+" : "") + Format.number(value);
        break;
      case HISTOGRAM:
        op = "record " + Format.number(value);
        break;
      default:
        op = "= " + Format.number(value);
    }
    String unit = d.unit().isEmpty() ? "" : " " + d.unit();
    output.write(style.dim(Format.time(System.currentTimeMillis())) + " " + Format.padRight("METRIC", 7) + " "
        + typeName(d.type()) + " " + style.bold(d.name()) + (labels.isEmpty() ? "" : labels.toString()) + " " + op
        + unit + System.lineSeparator());
  }

  /** One instrument's series in summary mode; also the hot-path {@link MetricInstrument}. */
  private final class Instrument implements MetricInstrument {
    final InstrumentDescriptor descriptor;
    final double[] bounds;
    final ConcurrentHashMap<Labels, Object> series = new ConcurrentHashMap<>();

    Instrument(InstrumentDescriptor descriptor) {
      this.descriptor = descriptor;
      this.bounds = HistogramCell.bounds(descriptor.buckets());
    }

    @Override
    public void record(double value, Labels labels) {
      Object cell = series.get(labels);
      if (cell == null) {
        if (series.size() >= MAX_SERIES_PER_INSTRUMENT) {
          selfMetrics.increment(DROPPED_SERIES);
          return;
        }
        cell = series.computeIfAbsent(labels, l -> newCell());
      }
      switch (descriptor.type()) {
        case COUNTER:
        case UP_DOWN_COUNTER:
          ((DoubleAdder) cell).add(value);
          break;
        case HISTOGRAM:
          ((HistogramCell) cell).record(value);
          break;
        default:
          ((GaugeCell) cell).value = value;
      }
      if (!dirty) {
        dirty = true;
      }
    }

    private Object newCell() {
      switch (descriptor.type()) {
        case COUNTER:
        case UP_DOWN_COUNTER:
          return new DoubleAdder();
        case HISTOGRAM:
          return new HistogramCell(bounds);
        default:
          return new GaugeCell();
      }
    }

    String render(Object cell) {
      if (cell instanceof DoubleAdder) {
        return Format.number(((DoubleAdder) cell).sum());
      }
      if (cell instanceof HistogramCell) {
        HistogramCell.Snapshot s = ((HistogramCell) cell).snapshot();
        return String.format(Locale.ROOT, "count=%d sum=%s min=%s max=%s p50~%s", s.count, Format.number(s.sum),
            Format.number(s.min), Format.number(s.max), Format.number(s.p50));
      }
      return Format.number(((GaugeCell) cell).value);
    }
  }

  /** Last value wins: a plain volatile write, no lock needed. */
  private static final class GaugeCell {
    volatile double value;
  }

  private static final class CallbackGauge {
    final InstrumentDescriptor descriptor;
    final Labels labels;
    final DoubleSupplier callback;

    CallbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
      this.descriptor = descriptor;
      this.labels = labels;
      this.callback = callback;
    }

    double read() {
      try {
        return callback.getAsDouble();
      } catch (RuntimeException e) {
        // The core wraps callbacks already; this guards direct SPI users.
        return Double.NaN;
      }
    }
  }
}
