package dev.obskit.backend.console;

import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendCompatibilityKit;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The console keeps the SPI contract every backend keeps. Output goes to a discarding stream: the
 * kit's concurrency tests print thousands of blocks, and the rendering is asserted elsewhere.
 */
class ConsoleBackendCompatibilityTest extends BackendCompatibilityKit {
  @Override
  protected BackendProvider provider() {
    return new ConsoleBackendProvider(new PrintStream(OutputStream.nullOutputStream(), true));
  }

  @Override
  protected Map<String, ?> configSection() {
    return Map.of("color", "never");
  }

  @Override
  protected Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }
}
