package dev.obskit.testkit;

import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import java.util.EnumSet;
import java.util.Set;

/** The memory backend keeps the SPI contract. */
class MemoryBackendCompatibilityTest extends BackendCompatibilityKit {
  @Override
  protected BackendProvider provider() {
    return new MemoryBackendProvider();
  }

  @Override
  protected Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }
}
