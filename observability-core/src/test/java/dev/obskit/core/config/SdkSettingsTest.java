package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.LogLevel;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.internal.SdkSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SdkSettingsTest {
  private static SdkSettings load(String yaml) {
    return SdkSettings.read(ConfigInputs.builder().configYaml(yaml).build());
  }

  @Test
  void defaults() {
    SdkSettings config = load("");
    SdkSettings core = config;

    assertThat(core.serviceName()).isEqualTo("unknown_service:java");
    assertThat(core.serviceVersion()).isEmpty();
    assertThat(core.environment()).isEmpty();
    assertThat(core.strict()).isFalse();
    for (Signal signal : Signal.values()) {
      if (signal == Signal.LOGS) {
        assertThat(core.routing(signal)).as("logs are routed to none by default").isEmpty();
      } else {
        assertThat(core.routing(signal)).containsExactly("console");
      }
    }
    assertThat(core.routedBackends()).containsExactly("console");
    assertThat(core.logLimits().level()).isEqualTo(LogLevel.INFO);
    assertThat(core.logLimits().maxPerSecond()).isEqualTo(1000);
    assertThat(core.logLimits().maxAttributes()).isEqualTo(64);
    assertThat(core.limits().maxNameLength()).isEqualTo(255);
    assertThat(core.limits().maxStringLength()).isEqualTo(4096);
    assertThat(core.limits().maxCardinality()).isEqualTo(1000);
    assertThat(core.limits().warningInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(core.scrubKeys()).containsExactlyElementsOf(SdkSettings.DEFAULT_SCRUB_KEYS);
    assertThat(core.backendEnabled("sentry")).isTrue();
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void readsEveryCoreKey() {
    SdkSettings core = load("""
        service:
          name: question-service
          version: 2.0.1
          environment: production
        strict: true
        routing:
          errors: sentry
          metrics: [otel, console]
          traces: both
          events: none
        limits:
          max_name_length: 100
          max_string_length: 1000
          max_cardinality: 50
          warning_interval: 10s
        sentry:
          enabled: false
        """);

    assertThat(core.serviceName()).isEqualTo("question-service");
    assertThat(core.serviceVersion()).isEqualTo("2.0.1");
    assertThat(core.environment()).isEqualTo("production");
    assertThat(core.strict()).isTrue();
    assertThat(core.routing(Signal.ERRORS)).containsExactly("sentry");
    assertThat(core.routing(Signal.METRICS)).containsExactly("otel", "console");
    assertThat(core.routing(Signal.TRACES)).containsExactly("otel", "sentry");
    assertThat(core.routing(Signal.EVENTS)).isEmpty();
    assertThat(core.routedBackends()).containsExactly("sentry", "otel", "console");
    assertThat(core.limits().maxNameLength()).isEqualTo(100);
    assertThat(core.limits().maxStringLength()).isEqualTo(1000);
    assertThat(core.limits().maxCardinality()).isEqualTo(50);
    assertThat(core.limits().warningInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(core.backendEnabled("sentry")).isFalse();
    assertThat(core.backendEnabled("SENTRY")).isFalse();
  }

  @Test
  void aBlankServiceNameFallsBackToTheDefault() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("service:\n  name: ${SERVICE_NAME}\n").build());

    assertThat(config.serviceName()).isEqualTo("unknown_service:java");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void routingNamesAreCaseInsensitiveDeduplicatedAndKeepTheirOrder() {
    SdkSettings core = load("routing:\n  traces: [Sentry, OTEL, sentry]\n"
        + "  errors: \"console, sentry\"\n");

    assertThat(core.routing(Signal.TRACES)).containsExactly("sentry", "otel");
    assertThat(core.routing(Signal.ERRORS)).containsExactly("console", "sentry");
  }

  @Test
  void bothInAListExpandsInPlace() {
    SdkSettings core = load("routing:\n  traces: [both, console]\n");

    assertThat(core.routing(Signal.TRACES)).containsExactly("otel", "sentry", "console");
  }

  @Test
  void anEmptyListMeansNone() {
    SdkSettings core = load("routing:\n  metrics: []\n");

    assertThat(core.routing(Signal.METRICS)).isEmpty();
  }

  @Test
  void anUnknownBackendIsAProblemNamingTheAllowedValues() {
    SdkSettings config = load("routing:\n  traces: zipkin\n  metrics: [otel, promethus]\n"
        + "  errors: sentyr\n");

    assertThat(config.routing(Signal.TRACES)).containsExactly("console");
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::value)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("routing.errors", "sentyr"),
            org.assertj.core.api.Assertions.tuple("routing.metrics", "[otel, promethus]"),
            org.assertj.core.api.Assertions.tuple("routing.traces", "zipkin"));
    assertThat(config.inputs().problems().get(2).message()).isEqualTo("unknown backend zipkin; expected a"
        + " backend name (console, memory, otel, sentry), a list of them, or none, or both"
        + " (= otel, sentry)");
    assertThat(config.inputs().problems().get(2).source()).isEqualTo("yaml:2");
    assertThat(config.inputs().problems().get(0).message()).endsWith("did you mean \"sentry\"?");
    assertThat(config.inputs().problems().get(1).message()).startsWith("unknown backend promethus;");
  }

  @Test
  void bothIsOnlyForTraces() {
    SdkSettings config = load("routing:\n  errors: both\n");

    assertThat(config.inputs().problems()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("\"both\" is only valid for routing.traces"));
  }

  @Test
  void noneCannotBeCombinedWithBackends() {
    SdkSettings config = load("routing:\n  events: [none, console]\n");

    assertThat(config.routing(Signal.EVENTS)).containsExactly("console");
    assertThat(config.inputs().problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("routing.events");
      assertThat(p.message()).startsWith("\"none\" cannot be combined");
    });
  }

  @Test
  void discoveredBackendNamesAreValidRoutingTargets() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("routing:\n  metrics: [Datadog, console]\n").build(), Set.of("datadog"));

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.routing(Signal.METRICS)).containsExactly("datadog", "console");
  }

  @Test
  void aWellKnownBackendWhoseJarIsAbsentIsNotAConfigurationError() {
    SdkSettings config = load("routing:\n  errors: sentry\n");

    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.routing(Signal.ERRORS)).containsExactly("sentry");
  }

  @Test
  void routingFromTheEnvironmentIsCommaSeparated() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .env(Map.of("OBS_ROUTING_TRACES", "both", "OBS_ROUTING_EVENTS", "none",
            "OBS_ROUTING_ERRORS", "sentry, zipkin")).build());

    assertThat(config.routing(Signal.TRACES)).containsExactly("otel", "sentry");
    assertThat(config.routing(Signal.EVENTS)).isEmpty();
    assertThat(config.inputs().problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("routing.errors");
      assertThat(p.value()).isEqualTo("sentry, zipkin");
      assertThat(p.source()).isEqualTo("env OBS_ROUTING_ERRORS");
    });
  }

  @Test
  void scrubKeysReplaceOrExtendTheDefaults() {
    assertThat(load("scrubbing:\n  extra_keys: [ssn, Card_Number]\n").scrubKeys())
        .startsWith("password", "passwd").endsWith("dsn", "ssn", "card_number")
        .hasSize(SdkSettings.DEFAULT_SCRUB_KEYS.size() + 2);
    assertThat(load("scrubbing:\n  keys: [ssn]\n  extra_keys: [pin, ssn]\n").scrubKeys())
        .containsExactly("ssn", "pin");
    assertThat(load("scrubbing:\n  keys: []\n").scrubKeys()).isEmpty();
  }

  @Test
  void badLimitsAreProblemsAndFallBackToDefaults() {
    SdkSettings config = load("limits:\n  max_name_length: 0\n  max_cardinality: many\n"
        + "  warning_interval: often\nstrict: sometimes\n");
    SdkSettings core = config;

    assertThat(core.limits().maxNameLength()).isEqualTo(255);
    assertThat(core.limits().maxCardinality()).isEqualTo(1000);
    assertThat(core.limits().warningInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(core.strict()).isFalse();
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
        "strict", "limits.max_name_length", "limits.max_cardinality", "limits.warning_interval");
  }

  @Test
  void theCoreKeysAppearInTheRootDescription() {
    SdkSettings config = load("routing:\n  traces: otel\n");

    assertThat(config.inputs().root().describe()).containsEntry("routing.traces", "[otel]")
        .containsEntry("service.name", "unknown_service:java")
        .containsEntry("limits.warning_interval", "PT1M");
    assertThat(config.inputs().root().effectiveValues()).filteredOn(v -> v.path().equals("routing.traces"))
        .singleElement().extracting(EffectiveValue::source).isEqualTo("yaml:2");
    assertThat(List.copyOf(config.inputs().root().describe().keySet())).doesNotHaveDuplicates();
  }
}
