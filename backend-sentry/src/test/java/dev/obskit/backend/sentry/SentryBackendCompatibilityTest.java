package dev.obskit.backend.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.Signal;
import dev.obskit.testkit.BackendCompatibilityKit;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** The sentry backend keeps the SPI contract, talking to a wire-level server on 127.0.0.1. */
class SentryBackendCompatibilityTest extends BackendCompatibilityKit {
  private final SentryTestServer server = SentryTestServer.start();

  @AfterEach
  void stopServer() {
    server.close();
    // Whatever the kit sent had to be a well-formed envelope.
    assertThat(server.rejected()).isEmpty();
  }

  @Override
  protected BackendProvider provider() {
    return new SentryBackendProvider();
  }

  @Override
  protected Map<String, ?> configSection() {
    return Map.of("dsn", server.dsn());
  }

  @Override
  protected Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.ERRORS, Signal.TRACES, Signal.EVENTS, Signal.LOGS);
  }
}
