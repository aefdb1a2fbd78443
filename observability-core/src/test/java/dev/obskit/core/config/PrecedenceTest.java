package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Signal;
import dev.obskit.core.internal.SdkSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecedenceTest {
  private static final String YAML = """
      routing:
        traces: console
      sentry:
        traces_sample_rate: 0.1
        environment: from-file
      otel:
        exporter:
          endpoint: http://127.0.0.1:4318
      """;

  @Test
  void environmentOverridesTheFile() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml(YAML)
        .env(Map.of("OBS_ROUTING_TRACES", "otel,sentry",
            "OBS_SENTRY_TRACES_SAMPLE_RATE", "0.75",
            "OBS_OTEL_EXPORTER_ENDPOINT", "http://127.0.0.1:9999"))
        .build());

    assertThat(config.routing(Signal.TRACES)).containsExactly("otel", "sentry");
    SectionConfig sentry = config.section("sentry");
    assertThat(sentry.getDouble("traces_sample_rate", 0, 0, 1)).isEqualTo(0.75);
    assertThat(sentry.sourceOf("traces_sample_rate")).isEqualTo("env OBS_SENTRY_TRACES_SAMPLE_RATE");
    assertThat(sentry.getString("environment", "")).isEqualTo("from-file");
    assertThat(config.section("otel").section("exporter").getString("endpoint", ""))
        .isEqualTo("http://127.0.0.1:9999");
    assertThat(config.inputs().sourcesDescription()).containsExactly("inline yaml",
        "env OBS_OTEL_EXPORTER_ENDPOINT", "env OBS_ROUTING_TRACES",
        "env OBS_SENTRY_TRACES_SAMPLE_RATE");
  }

  @Test
  void environmentOverridesDefaultsWithoutAnyFile() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .env(Map.of("OBS_SERVICE_NAME", "svc", "OBS_LIMITS_WARNING_INTERVAL", "5s",
            "OBS_SENTRY_DSN", "http://k@127.0.0.1:1/0"))
        .build());

    assertThat(config.serviceName()).isEqualTo("svc");
    assertThat(config.limits().warningInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.inputs().hasSection("sentry")).isTrue();
    assertThat(config.section("sentry").has("dsn")).isTrue();
  }

  @Test
  void builderOverridesEnvironmentAndFile() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml(YAML)
        .env(Map.of("OBS_ROUTING_TRACES", "sentry", "OBS_SENTRY_TRACES_SAMPLE_RATE", "0.75"))
        .set("routing.traces", List.of("otel"))
        .set("sentry.traces_sample_rate", 1.0)
        .build());

    assertThat(config.routing(Signal.TRACES)).containsExactly("otel");
    assertThat(config.section("sentry").getDouble("traces_sample_rate", 0, 0, 1)).isEqualTo(1.0);
    assertThat(config.section("sentry").sourceOf("traces_sample_rate")).isEqualTo("builder");
    assertThat(config.inputs().sourcesDescription()).containsExactly("inline yaml",
        "builder routing.traces", "builder sentry.traces_sample_rate");
    // The env variables were consulted (read, then overridden), so they are not "unused".
    assertThat(config.inputs().unusedEnvironmentOverrides()).isEmpty();
  }

  @Test
  void aBuilderValueReplacesTheWholeSubtreeAtItsPath() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml(YAML)
        .set("otel.exporter", "none")
        .build());
    SectionConfig otel = config.section("otel");

    assertThat(otel.getChoice("exporter", "otlp", "otlp", "none")).isEqualTo("none");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void aBuilderMapMergesAsItsOwnSubtreeAndLaterSetsWin() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml(YAML)
        .set("sentry", Map.of("dsn", "http://a@127.0.0.1:1/0", "debug", true))
        .set("sentry.debug", false)
        .build());
    SectionConfig sentry = config.section("sentry");

    assertThat(sentry.getSecret("dsn", "")).isEqualTo("http://a@127.0.0.1:1/0");
    assertThat(sentry.getBoolean("debug", true)).isFalse();
    assertThat(sentry.sourceOf("dsn")).isEqualTo("builder");
    // The map replaced the file's section entirely.
    assertThat(sentry.has("environment")).isFalse();
  }

  @Test
  void builderDurationAndNumberValuesAreAccepted() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .set("limits.warning_interval", Duration.ofMillis(1500))
        .set("limits.max_cardinality", 50)
        .build());

    assertThat(config.limits().warningInterval()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.limits().maxCardinality()).isEqualTo(50);
  }

  @Test
  void anInvalidBuilderPathIsAProblem() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().set("sentry..dsn", "x")
        .build());

    assertThat(config.inputs().problems()).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("sentry..dsn");
      assertThat(problem.source()).isEqualTo("builder");
    });
  }

  @Test
  void environmentListsAreCommaSeparatedAndMapsAreKeyEqualsValue() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .env(Map.of("OBS_OTEL_HEADERS", "authorization=Bearer x, x-tenant=a=b",
            "OBS_OTEL_PROPAGATORS", " tracecontext, baggage ,,",
            "OBS_OTEL_BUCKETS", "1,2.5,10"))
        .build());
    SectionConfig otel = config.section("otel");

    assertThat(otel.getStringMap("headers", Map.of()))
        .containsExactly(Map.entry("authorization", "Bearer x"), Map.entry("x-tenant", "a=b"));
    assertThat(otel.getStringList("propagators", List.of()))
        .containsExactly("tracecontext", "baggage");
    assertThat(otel.getDoubleList("buckets", List.of())).containsExactly(1.0, 2.5, 10.0);
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void dashesInKeysBecomeUnderscoresInEnvironmentNames() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .env(Map.of("OBS_MY_BACKEND_MAX_QUEUE", "7")).build());

    assertThat(config.section("my-backend").getInt("max-queue", 1, 1, 10)).isEqualTo(7);
    assertThat(ConfigInputs.envName("otel.exporter.endpoint"))
        .isEqualTo("OBS_OTEL_EXPORTER_ENDPOINT");
  }

  @Test
  void onlyUnusedOverridesCloseToARealKeyWarnAndTheyCarryTheSuggestion() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .env(Map.of("OBS_ROUTING_TRACS", "otel", "OBS_TOTALLY_ELSEWHERE", "1",
            // The application's own variable, not a typo of any key: no warning at every start.
            "OBS_CONFIG", "/etc/app/obs.json",
            "OBS_ROUTING_ERRORS", "console", "PATH", "/bin"))
        .build());

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.inputs().unusedEnvironmentOverrides()).containsExactly(
        "environment variable OBS_ROUTING_TRACS overrides no configuration key that was read;"
            + " did you mean OBS_ROUTING_TRACES?");
  }

  @Test
  void aTypoOfABackendKeyWarnsOnceTheBackendReadItsKeys() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .env(Map.of("OBS_SENTRY_DNS", "http://k@127.0.0.1:1/0", "OBS_SENTRY_RELEASE", "1.0")).build());
    assertThat(config.inputs().unusedEnvironmentOverrides()).as("nothing read sentry.* yet").isEmpty();

    config.section("sentry").getSecret("dsn", "");
    config.section("sentry").getString("release", "");

    assertThat(config.inputs().unusedEnvironmentOverrides()).containsExactly(
        "environment variable OBS_SENTRY_DNS overrides no configuration key that was read;"
            + " did you mean OBS_SENTRY_DSN?");
  }
}
