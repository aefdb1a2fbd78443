package dev.obskit.core.fakes;

import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import java.util.Map;

/** Builders for tests: no environment, every signal routed to the given fake providers in order. */
public final class TestSdk {
  private TestSdk() {}

  public static ObservabilitySdk.Builder routedTo(FakeProvider... providers) {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().serviceName("test-service").environmentVariables(Map.of());
    String[] names = new String[providers.length];
    for (int i = 0; i < providers.length; i++) {
      b.provider(providers[i]);
      names[i] = providers[i].name();
    }
    for (Signal s : Signal.values()) {
      b.route(s, providers.length == 0 ? new String[] {"none"} : names);
    }
    return b;
  }
}
