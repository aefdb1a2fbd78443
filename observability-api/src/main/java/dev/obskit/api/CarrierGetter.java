package dev.obskit.api;

/**
 * Reads one propagation header from a carrier. {@code Map::get} fits for a
 * {@code Map<String, String>}; implementations should match keys case-insensitively where the
 * carrier (HTTP) is case-insensitive.
 *
 * @param <C> the carrier type
 */
@FunctionalInterface
public interface CarrierGetter<C> {
  /** The value of {@code key}, or null. */
  String get(C carrier, String key);
}
