package dev.obskit.api;

/** Undoes a registration (for example a callback gauge) when closed. Idempotent; never throws. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
  @Override
  void close();

  /** A registration that undoes nothing. */
  static Registration noop() {
    return () -> {};
  }
}
