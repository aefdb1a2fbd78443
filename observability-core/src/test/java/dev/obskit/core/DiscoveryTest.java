package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Level;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.discovery.DupProviderA;
import dev.obskit.core.discovery.DupProviderB;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private LogCapture logs;

  @BeforeEach
  void capture() {
    logs = new LogCapture();
  }

  @AfterEach
  void release() {
    logs.close();
  }

  /** A class loader that sees one directory of the test resources as an extra jar. */
  private static ClassLoader loaderFor(String dir) {
    URL url = DiscoveryTest.class.getClassLoader().getResource("discovery/" + dir + "/");
    return new URLClassLoader(new URL[] {url}, DiscoveryTest.class.getClassLoader());
  }

  private static ObservabilitySdk.Builder routedTo(String name, ClassLoader loader) {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().environmentVariables(Map.of()).classLoader(loader);
    for (Signal s : Signal.values()) {
      b.route(s, name);
    }
    return b;
  }

  @Test
  void brokenServiceEntriesAreSkippedWithAWarningAndTheRestIsUsed() {
    try (Observability obs = routedTo("discoverable", loaderFor("broken")).build()) {
      obs.captureMessage("found me", Level.INFO);
    }
    assertThat(logs.warnings()).anyMatch(w -> w.contains("NoSuchProvider"))
        .anyMatch(w -> w.contains("ThrowingProvider"));
  }

  @Test
  void duplicateNamesWarnAndTheFirstClassNameWinsWhateverTheClassPathOrder() {
    DupProviderA.INSTANCES.clear();
    DupProviderB.INSTANCES.clear();
    try (Observability obs = routedTo("dup", loaderFor("duplicates")).build()) {
      obs.captureMessage("x", Level.INFO);
    }
    assertThat(DupProviderA.INSTANCES).hasSize(1);
    assertThat(DupProviderA.INSTANCES.get(0).created).hasSize(1);
    assertThat(DupProviderB.INSTANCES).allMatch(p -> p.created.isEmpty());
    assertThat(logs.warnings()).filteredOn(w -> w.contains("named 'dup'")).hasSize(1).first()
        .satisfies(w -> assertThat(w).contains(DupProviderA.class.getName()).contains(DupProviderB.class.getName()));
  }

  @Test
  void anExplicitProviderWinsOverADiscoveredOneWithTheSameName() {
    DupProviderA.INSTANCES.clear();
    FakeProvider explicit = new FakeProvider("dup");
    try (Observability obs = routedTo("dup", loaderFor("duplicates")).provider(explicit).build()) {
      obs.captureMessage("x", Level.INFO);
    }
    assertThat(explicit.backend().errors).hasSize(1);
    assertThat(DupProviderA.INSTANCES).allMatch(p -> p.created.isEmpty());
  }

  @Test
  void discoveredNamesAreValidRoutingTargets() {
    try (Observability obs = routedTo("discoverable", loaderFor("broken")).build()) {
      assertThat(obs.toString()).contains("discoverable");
    }
  }
}
