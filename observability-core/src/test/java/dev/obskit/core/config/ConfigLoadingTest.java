package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ConfigProblem;
import dev.obskit.core.internal.SdkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoadingTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void loadsNestedMapsListsAndScalarsFromAFile() throws IOException {
    Path file = write("obs.yaml", """
        service:
          name: question-service
          version: 1.10
        routing:
          errors: [sentry, console]
          traces: otel
        sentry:
          dsn: http://key@127.0.0.1:8969/0
          traces_sample_rate: 0.25
        """);
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configFile(file).build());

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.serviceName()).isEqualTo("question-service");
    // The scalar's text is kept: a YAML float would have turned this into "1.1".
    assertThat(config.serviceVersion()).isEqualTo("1.10");
    assertThat(config.inputs().hasSection("sentry")).isTrue();
    assertThat(config.inputs().hasSection("otel")).isFalse();
    assertThat(config.section("sentry").getDouble("traces_sample_rate", 0, 0, 1)).isEqualTo(0.25);
    assertThat(config.section("sentry").keys()).containsExactly("dsn", "traces_sample_rate");
    assertThat(config.inputs().sourcesDescription()).containsExactly("file " + file);
  }

  @Test
  void recordsTheFileAndLineOfEveryValue() throws IOException {
    Path file = write("obs.yaml", "routing:\n  errors: console\n\nsentry:\n  dsn: x\n");
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configFile(file).build());

    assertThat(config.section("sentry").sourceOf("dsn")).isEqualTo("file " + file + ":5");
    assertThat(config.inputs().root().section("routing").sourceOf("errors"))
        .isEqualTo("file " + file + ":2");
    assertThat(config.section("sentry").sourceOf("missing")).isEqualTo("default");
  }

  @Test
  void aMissingFileIsOneProblemNamingThePath() {
    Path missing = dir.resolve("nope/observability.yaml");
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configFile(missing).build());

    assertThat(config.inputs().problems()).singleElement().satisfies(problem -> {
      assertThat(problem.message()).contains("not found").contains(missing.toString());
      assertThat(problem.source()).isEqualTo("file " + missing);
    });
    // Still usable: defaults apply.
    assertThat(config.serviceName()).isEqualTo(SdkSettings.DEFAULT_SERVICE_NAME);
  }

  @Test
  void malformedYamlIsOneProblemWithLineAndColumn() throws IOException {
    Path file = write("bad.yaml", "routing:\n  errors: [sentry, console\nsentry:\n  dsn: x\n");
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configFile(file).build());

    assertThat(config.inputs().problems()).singleElement().satisfies(problem -> {
      assertThat(problem.message()).startsWith("malformed YAML");
      assertThat(problem.source()).matches("file " + java.util.regex.Pattern.quote(file.toString())
          + ":\\d+:\\d+");
    });
  }

  @Test
  void malformedInlineYamlNamesTheInlineSource() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("a: b\n c: : d\n  - e").build());

    assertThat(config.inputs().problems()).singleElement().satisfies(problem ->
        assertThat(problem.source()).startsWith("yaml:"));
  }

  @Test
  void theTopLevelMustBeAMapping() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml("- a\n- b\n").build());

    assertThat(config.inputs().problems()).singleElement().satisfies(problem ->
        assertThat(problem.message()).contains("top level must be a mapping").contains("a list"));
  }

  @Test
  void anEmptyDocumentConfiguresNothing() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml("# nothing\n")
        .build());

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.routing(dev.obskit.api.spi.Signal.ERRORS)).containsExactly("console");
  }

  @Test
  void inlineYamlOverlaysTheFileKeyByKey() throws IOException {
    Path file = write("obs.yaml", """
        sentry:
          dsn: http://key@127.0.0.1:1/0
          environment: prod
          tags: [a, b]
        """);
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configFile(file)
        .configYaml("sentry:\n  environment: staging\n  tags: [c]\n").build());

    SectionConfig sentry = config.section("sentry");
    assertThat(sentry.getString("dsn", "")).isEqualTo("http://key@127.0.0.1:1/0");
    assertThat(sentry.getString("environment", "")).isEqualTo("staging");
    assertThat(sentry.sourceOf("environment")).isEqualTo("yaml:2");
    assertThat(sentry.getStringList("tags", List.of())).containsExactly("c");
    assertThat(config.inputs().sourcesDescription()).containsExactly("file " + file, "inline yaml");
  }

  @Test
  void aDuplicateKeyIsAProblem() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("sentry:\n  dsn: a\n  dsn: b\n").build());

    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::source)
        .containsExactly(org.assertj.core.api.Assertions.tuple("sentry.dsn", "yaml:3"));
  }

  @Test
  void yamlNullCountsAsUnset() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("sentry:\n  dsn:\n  environment: ~\n").build());
    SectionConfig sentry = config.section("sentry");

    assertThat(sentry.getSecret("dsn", "fallback")).isEqualTo("fallback");
    assertThat(sentry.has("environment")).isFalse();
    assertThat(sentry.keys()).containsExactly("dsn", "environment");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void aSectionThatIsNotAMappingIsAProblem() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("routing: otel\n").build());

    assertThat(config.inputs().problems()).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("routing");
      assertThat(problem.value()).isEqualTo("otel");
      assertThat(problem.message()).contains("expected a section");
    });
  }

  @Test
  void noInputsAtAllMeansDefaults() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().env(Map.of()).build());

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.inputs().sourcesDescription()).isEmpty();
    config.inputs().throwIfProblems();
  }
}
