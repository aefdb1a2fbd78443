package dev.obskit.api;

/** Shared no-op instruments. */
final class NoopInstruments {
  private static final Counter COUNTER = (v, l) -> {};
  private static final UpDownCounter UP_DOWN = (v, l) -> {};
  private static final Histogram HISTOGRAM = (v, l) -> {};
  private static final Gauge GAUGE = (v, l) -> {};

  private NoopInstruments() {}

  static Counter counter() {
    return COUNTER;
  }

  static UpDownCounter upDownCounter() {
    return UP_DOWN;
  }

  static Histogram histogram() {
    return HISTOGRAM;
  }

  static Gauge gauge() {
    return GAUGE;
  }
}
