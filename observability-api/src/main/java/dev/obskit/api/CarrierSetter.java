package dev.obskit.api;

/**
 * Writes one propagation header into a carrier (HTTP headers, message properties).
 * {@code Map::put} fits for a {@code Map<String, String>}.
 *
 * @param <C> the carrier type
 */
@FunctionalInterface
public interface CarrierSetter<C> {
  /** Sets {@code key} to {@code value} on {@code carrier}. */
  void set(C carrier, String key, String value);
}
