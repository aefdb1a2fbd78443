package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.fakes.FakeProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The brief's acceptance test: several mistakes, one build failure naming all of them. */
class AcceptanceTest {

  @Test
  void misspeltKeyBadRoutingAndNonNumericSampleRateFailBuildWithOneMessageNamingAllThree() {
    FakeProvider sentry = new FakeProvider("sentry", b -> b.doubleKeys = List.of("traces_sample_rate"));
    String yaml = String.join("\n",
        "routing:",
        "  errors: sentry",
        "  traces: [sentry, zipkin]",
        "  metrics: none",
        "  events: none",
        "sentry:",
        "  traces_sample_rate: lots",
        "  enviroment: prod",
        "");
    ConfigurationException e = Assertions.assertThrows(ConfigurationException.class,
        () -> ObservabilitySdk.builder().environmentVariables(Map.of()).provider(sentry).configYaml(yaml).build());
    assertThat(e.problems()).extracting(ConfigProblem::path)
        .containsExactlyInAnyOrder("routing.traces", "sentry.traces_sample_rate", "sentry.enviroment");
    assertThat(e.getMessage()).contains("routing.traces").contains("zipkin")
        .contains("sentry.traces_sample_rate").contains("lots")
        .contains("sentry.enviroment");
    // The backend that was created to read its section is closed again.
    assertThat(sentry.created).allMatch(b -> b.closes.get() == 1);
  }
}
