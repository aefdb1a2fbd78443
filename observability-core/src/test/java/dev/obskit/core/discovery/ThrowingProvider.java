package dev.obskit.core.discovery;

import dev.obskit.core.fakes.FakeProvider;

/** A provider whose constructor fails: ServiceLoader reports it as a ServiceConfigurationError. */
public class ThrowingProvider extends FakeProvider {
  public ThrowingProvider() {
    super("throwing");
    throw new IllegalStateException("cannot construct");
  }
}
