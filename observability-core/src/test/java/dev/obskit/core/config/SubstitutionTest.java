package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.internal.SdkSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
  private static SdkSettings load(String yaml, Map<String, String> env) {
    return SdkSettings.read(ConfigInputs.builder().configYaml(yaml).env(env).build());
  }

  @Test
  void substitutesVariablesAndDefaults() {
    SdkSettings config = load("""
        sentry:
          dsn: ${SENTRY_DSN}
          environment: ${DEPLOY_ENV:-local}
          release: v${VERSION:-0}-${BUILD}
        """, Map.of("SENTRY_DSN", "http://k@127.0.0.1:1/0", "BUILD", "42"));
    SectionConfig sentry = config.section("sentry");

    assertThat(sentry.getSecret("dsn", "")).isEqualTo("http://k@127.0.0.1:1/0");
    assertThat(sentry.getString("environment", "")).isEqualTo("local");
    assertThat(sentry.getString("release", "")).isEqualTo("v0-42");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void anUnsetVariableWithoutDefaultIsEmptySoABackendIsDisabledNotBroken() {
    SdkSettings config = load("sentry:\n  dsn: ${SENTRY_DSN}\n", Map.of());

    assertThat(config.section("sentry").getSecret("dsn", "unset")).isEmpty();
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void theDefaultAlsoAppliesToAnEmptyVariable() {
    SdkSettings config = load("a:\n  x: ${EMPTY:-fallback}\n  y: ${EMPTY}\n",
        Map.of("EMPTY", ""));

    assertThat(config.section("a").getString("x", "")).isEqualTo("fallback");
    assertThat(config.section("a").getString("y", "unset")).isEmpty();
  }

  @Test
  void doubleDollarEscapesAReference() {
    SdkSettings config = load("a:\n  x: \"$${HOME} and $5 and ${HOME}\"\n",
        Map.of("HOME", "/root"));

    assertThat(config.section("a").getString("x", "")).isEqualTo("${HOME} and $5 and /root");
  }

  @Test
  void substitutesInsideListsAndMapsButNotKeys() {
    SdkSettings config = load("""
        otel:
          headers:
            authorization: Bearer ${TOKEN}
          ${KEY}: 1
          buckets: ["${LOW:-1}", 5]
        """, Map.of("TOKEN", "t0k", "KEY", "k"));
    SectionConfig otel = config.section("otel");

    assertThat(otel.getStringMap("headers", Map.of()))
        .containsEntry("authorization", "Bearer t0k");
    assertThat(otel.getDoubleList("buckets", List.of())).containsExactly(1.0, 5.0);
    assertThat(otel.keys()).contains("${KEY}");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void substitutedTextIsParsedByTheTypedGetters() {
    SdkSettings config = load("sentry:\n  traces_sample_rate: ${RATE:-0.5}\n", Map.of());

    assertThat(config.section("sentry").getDouble("traces_sample_rate", 0, 0, 1)).isEqualTo(0.5);
  }

  @Test
  void malformedReferencesAreProblemsAndStayAsWritten() {
    SdkSettings config = load("a:\n  x: \"${OPEN\"\n  y: \"${1BAD}\"\n", Map.of());

    assertThat(config.inputs().problems()).hasSize(2);
    assertThat(config.inputs().problems().get(0).path()).isEqualTo("a.x");
    assertThat(config.inputs().problems().get(0).message()).contains("unterminated");
    assertThat(config.inputs().problems().get(1).path()).isEqualTo("a.y");
    assertThat(config.inputs().problems().get(1).message()).contains("not a valid variable reference");
    assertThat(config.section("a").getString("x", "")).isEqualTo("${OPEN");
  }

  @Test
  void environmentOverrideValuesAreNotSubstituted() {
    SdkSettings config = load("", Map.of("OBS_A_X", "${HOME}", "HOME", "/root"));

    assertThat(config.section("a").getString("x", "")).isEqualTo("${HOME}");
  }
}
