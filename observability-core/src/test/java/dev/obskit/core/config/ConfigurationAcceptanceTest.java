package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.internal.SdkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check: a typo, a bad routing value and a non-numeric sample rate produce one
 * exception that names all of them. The sentry section is read the way a backend reads it.
 */
class ConfigurationAcceptanceTest {
  @TempDir Path dir;

  @Test
  void everyProblemIsReportedAtOnceByPath() throws IOException {
    Path file = dir.resolve("observability.yaml");
    Files.writeString(file, """
        service:
          name: question-service
        routng:
          errors: sentry
        routing:
          traces: zipkin
        sentry:
          dsn: http://key@127.0.0.1:8969/0
          traces_sample_rate: abc
          tracs_sample_rate: 0.5
        """);
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configFile(file).build());
    // What a sentry backend does with BackendContext.config():
    SectionConfig sentry = config.section("sentry");
    sentry.getSecret("dsn", "");
    sentry.getDouble("traces_sample_rate", 0.0, 0.0, 1.0);
    config.backendEnabled("sentry");
    config.reportUnknownKeys(Set.of("sentry"), Set.of("sentry"));

    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, config.inputs()::throwIfProblems);

    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
        "routng", "routing.traces", "sentry.traces_sample_rate", "sentry.tracs_sample_rate");
    String f = "file " + file;
    assertThat(e.getMessage()).isEqualTo(String.join("\n",
        "Invalid observability configuration (4 problems):",
        "  - routing.traces = \"zipkin\" (" + f + ":6): unknown backend zipkin; expected a"
            + " backend name (console, memory, otel, sentry), a list of them, or none, or both"
            + " (= otel, sentry)",
        "  - sentry.traces_sample_rate = \"abc\" (" + f + ":9): expected a number between 0.0"
            + " and 1.0",
        "  - routng (" + f + ":3): unknown key; did you mean \"routing\"?",
        "  - sentry.tracs_sample_rate (" + f + ":10): unknown key; did you mean"
            + " \"traces_sample_rate\"?"));
    assertThat(e.getMessage()).doesNotContain("key@");
  }

  @Test
  void noProblemsMeansNoException() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("routing:\n  traces: both\n").build());
    config.reportUnknownKeys(Set.of(), Set.of());

    config.inputs().throwIfProblems();

    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void oneProblemReadsInTheSingular() {
    ConfigurationException e = new ConfigurationException(java.util.List.of(
        new ConfigProblem("", null, "configuration file not found: /x.yaml", "file /x.yaml")));

    assertThat(e.getMessage()).isEqualTo("Invalid observability configuration (1 problem):\n"
        + "  - configuration (file /x.yaml): configuration file not found: /x.yaml");
  }
}
