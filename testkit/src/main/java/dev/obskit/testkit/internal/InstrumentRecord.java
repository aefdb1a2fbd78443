package dev.obskit.testkit.internal;

import dev.obskit.api.Labels;
import dev.obskit.api.Registration;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.testkit.MetricPoint;
import dev.obskit.testkit.RecordedMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * Everything one instrument received. Survives {@link MemoryStore#reset()} (only its points are
 * cleared) because the core caches the instrument it handed out.
 */
public final class InstrumentRecord {
  private final InstrumentDescriptor descriptor;
  private final List<MetricPoint> points = new ArrayList<>();
  private final List<CallbackGauge> callbacks = new CopyOnWriteArrayList<>();

  InstrumentRecord(InstrumentDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** The descriptor. */
  public InstrumentDescriptor descriptor() {
    return descriptor;
  }

  /** Stores one point. */
  public void record(double value, Labels labels) {
    MetricPoint point = new MetricPoint(value, labels == null ? Labels.empty() : labels);
    synchronized (points) {
      points.add(point);
    }
  }

  Registration addCallback(Labels labels, DoubleSupplier callback) {
    CallbackGauge gauge = new CallbackGauge(labels == null ? Labels.empty() : labels, callback);
    callbacks.add(gauge);
    return () -> callbacks.remove(gauge);
  }

  void clearPoints() {
    synchronized (points) {
      points.clear();
    }
  }

  /** Whether nothing was recorded and no callback is registered. */
  boolean isEmpty() {
    synchronized (points) {
      return points.isEmpty() && callbacks.isEmpty();
    }
  }

  /** A copy of the points plus a fresh reading of every callback. */
  public RecordedMetric snapshot() {
    List<MetricPoint> copy;
    synchronized (points) {
      copy = List.copyOf(points);
    }
    Map<Labels, Double> readings = new LinkedHashMap<>();
    for (CallbackGauge c : callbacks) {
      readings.put(c.labels, read(c.callback));
    }
    return new RecordedMetric(descriptor.name(), descriptor.type(), descriptor.unit(), descriptor.description(),
        descriptor.buckets(), copy, java.util.Collections.unmodifiableMap(readings));
  }

  private static double read(DoubleSupplier callback) {
    try {
      return callback.getAsDouble();
    } catch (RuntimeException e) {
      // The core wraps callbacks; this guards direct sink users (backend tests, the kit).
      return Double.NaN;
    }
  }

  private record CallbackGauge(Labels labels, DoubleSupplier callback) {}

  /** For diagnostics only. */
  @Override
  public String toString() {
    return descriptor.toString();
  }

  /** Number of registered callbacks (tests). */
  int callbackCount() {
    return callbacks.size();
  }

  static List<RecordedMetric> snapshots(List<InstrumentRecord> records) {
    List<RecordedMetric> out = new ArrayList<>(records.size());
    records.forEach(r -> out.add(r.snapshot()));
    return out;
  }
}
