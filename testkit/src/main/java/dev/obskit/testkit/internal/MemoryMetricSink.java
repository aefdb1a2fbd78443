package dev.obskit.testkit.internal;

import dev.obskit.api.Registration;
import dev.obskit.api.Labels;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import java.util.function.DoubleSupplier;

/**
 * Records every point as it comes. Unlike a production sink it allocates one point per
 * recording: the testkit favours a complete record over speed.
 */
final class MemoryMetricSink implements MetricSink {
  private final MemoryStore store;
  private final MemoryBackend backend;

  MemoryMetricSink(MemoryStore store, MemoryBackend backend) {
    this.store = store;
    this.backend = backend;
  }

  @Override
  public MetricInstrument instrument(InstrumentDescriptor descriptor) {
    InstrumentRecord record = store.instrument(descriptor);
    return (value, labels) -> {
      if (backend.accept()) {
        record.record(value, labels);
      }
    };
  }

  @Override
  public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
    if (callback == null || !backend.accept()) {
      return Registration.noop();
    }
    return store.instrument(descriptor).addCallback(labels, callback);
  }
}
