package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.obskit.api.Observability;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.core.internal.SdkSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code http:} section: typed, validated like every other key, unknown keys suggested. */
class HttpSettingsTest {

  private static SdkSettings load(String yaml) {
    return SdkSettings.read(ConfigInputs.builder().configYaml(yaml).env(Map.of()).build());
  }

  @Test
  void readsTheServerAndClientSettings() {
    SdkSettings config = load("""
        http:
          server:
            ignore_paths: [/health, /actuator/*]
            request_headers: [X-Request-Id]
            response_headers: content-type
          client:
            request_headers: [x-request-id]
            response_headers: [retry-after]
        """);
    HttpSettings http = config.http();
    config.reportUnknownKeys(java.util.Set.of(), java.util.Set.of());

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(http.serverIgnorePaths()).containsExactly("/health", "/actuator/*");
    assertThat(http.serverRequestHeaders()).containsExactly("x-request-id");
    assertThat(http.serverResponseHeaders()).containsExactly("content-type");
    assertThat(http.clientRequestHeaders()).containsExactly("x-request-id");
    assertThat(http.clientResponseHeaders()).containsExactly("retry-after");
    assertThat(http.ignores("/health")).isTrue();
    assertThat(http.ignores("/healthz")).isFalse();
    assertThat(http.ignores("/actuator")).isTrue();
    assertThat(http.ignores("/actuator/prometheus")).isTrue();
    assertThat(http.ignores("/actuatorx")).isFalse();
    assertThat(http.ignores("/orders")).isFalse();
  }

  @Test
  void nothingConfiguredIsTheDefaults() {
    assertThat(load("service:\n  name: a\n").http()).isSameAs(HttpSettings.DEFAULTS);
    assertThat(HttpSettings.of(Observability.noop())).isSameAs(HttpSettings.DEFAULTS);
  }

  @Test
  void badValuesAndUnknownKeysAreReportedTogetherByPath() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> ObservabilitySdk.builder()
        .environmentVariables(Map.of()).configYaml("""
            http:
              server:
                ignore_path: [/health]
                ignore_paths: [health, /a/*/b]
                request_headers: ["bad header"]
              clinet:
                request_headers: [x-id]
            """).build());

    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
        "http.server.ignore_paths", "http.server.request_headers", "http.server.ignore_path", "http.clinet");
    assertThat(e.getMessage()).contains("did you mean \"ignore_paths\"?").contains("did you mean \"client\"?")
        .contains("\"health\" is not a path").contains("\"bad header\" is not an HTTP header name");
  }

  @Test
  void theSdkHandsItsSectionToTheIntegrations() {
    try (Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .set("http.server.ignore_paths", List.of("/ready")).set("routing.errors", "none").build()) {
      assertThat(HttpSettings.of(obs).ignores("/ready")).isTrue();
      assertThat(HttpSettings.sensitiveKeys(obs).test("Authorization")).isTrue();
      assertThat(HttpSettings.sensitiveKeys(obs).test("X-Request-Id")).isFalse();
    }
  }
}
