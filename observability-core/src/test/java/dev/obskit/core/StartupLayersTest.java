package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up summary names the layer that set each value; foreign OBS_ variables stay quiet. */
class StartupLayersTest {
  @Test
  void theSummarySaysWhichLayerSetEachValue() {
    try (LogCapture log = new LogCapture()) {
      // No builder serviceName: the builder would win over every variable.
      Observability obs = ObservabilitySdk.builder().provider(new FakeProvider("fake"))
          .configYaml("service:\n  version: 1.2.0\n")
          .environmentVariables(Map.of("OTEL_SERVICE_NAME", "checkout", "OBS_LIMITS_MAX_CARDINALITY", "50",
              "OBS_CONFIG", "/etc/app/obs.json"))
          .build();
      obs.close(Duration.ofSeconds(1));

      assertThat(log.infos()).filteredOn(m -> m.startsWith("obskit started")).singleElement().asString()
          .contains("service.name=checkout (env OTEL_SERVICE_NAME)")
          .contains("limits.max_cardinality=50 (env OBS_LIMITS_MAX_CARDINALITY)")
          .contains("service.version=1.2.0 (yaml:2)")
          .contains("env OTEL_SERVICE_NAME");
      assertThat(log.warnings()).noneMatch(w -> w.contains("OBS_CONFIG"));
    }
  }
}
