package dev.obskit.core.discovery;

import dev.obskit.core.fakes.FakeProvider;

/** Found through META-INF/services in the discovery test resources. */
public class DiscoverableProvider extends FakeProvider {
  public DiscoverableProvider() {
    super("discoverable");
  }
}
