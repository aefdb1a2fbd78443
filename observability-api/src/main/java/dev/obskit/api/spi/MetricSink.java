package dev.obskit.api.spi;

import dev.obskit.api.Labels;
import dev.obskit.api.Registration;
import java.util.function.DoubleSupplier;

/**
 * Creates instruments. The core calls {@link #instrument} once per distinct descriptor and
 * caches the result, so creation may be slow; recording through the instrument must be fast.
 */
public interface MetricSink {
  /** Creates (or returns the existing) instrument for {@code descriptor}. */
  MetricInstrument instrument(InstrumentDescriptor descriptor);

  /**
   * Registers an asynchronous gauge read at each collection. The core has already wrapped
   * {@code callback} so that it never throws.
   */
  Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback);

  /** A sink that drops everything. */
  static MetricSink noop() {
    return new MetricSink() {
      @Override
      public MetricInstrument instrument(InstrumentDescriptor descriptor) {
        return MetricInstrument.noop();
      }

      @Override
      public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
        return Registration.noop();
      }
    };
  }
}
