package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreSettingsTest {
  private static LoadedConfig load(String yaml) {
    return LoadedConfig.load(ConfigInputs.builder().configYaml(yaml).build());
  }

  @Test
  void defaults() {
    LoadedConfig config = load("");
    CoreSettings core = config.core();

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
    assertThat(core.logsLevel()).isEqualTo("info");
    assertThat(core.logsMaxPerSecond()).isEqualTo(1000);
    assertThat(core.logsMaxAttributes()).isEqualTo(64);
    assertThat(core.maxNameLength()).isEqualTo(255);
    assertThat(core.maxStringLength()).isEqualTo(4096);
    assertThat(core.maxCardinality()).isEqualTo(1000);
    assertThat(core.warningInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(core.scrubKeys()).containsExactlyElementsOf(CoreSettings.DEFAULT_SCRUB_KEYS);
    assertThat(core.backendEnabled("sentry")).isTrue();
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void readsEveryCoreKey() {
    CoreSettings core = load("""
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
        """).core();

    assertThat(core.serviceName()).isEqualTo("question-service");
    assertThat(core.serviceVersion()).isEqualTo("2.0.1");
    assertThat(core.environment()).isEqualTo("production");
    assertThat(core.strict()).isTrue();
    assertThat(core.routing(Signal.ERRORS)).containsExactly("sentry");
    assertThat(core.routing(Signal.METRICS)).containsExactly("otel", "console");
    assertThat(core.routing(Signal.TRACES)).containsExactly("otel", "sentry");
    assertThat(core.routing(Signal.EVENTS)).isEmpty();
    assertThat(core.routedBackends()).containsExactly("sentry", "otel", "console");
    assertThat(core.maxNameLength()).isEqualTo(100);
    assertThat(core.maxStringLength()).isEqualTo(1000);
    assertThat(core.maxCardinality()).isEqualTo(50);
    assertThat(core.warningInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(core.backendEnabled("sentry")).isFalse();
    assertThat(core.backendEnabled("SENTRY")).isFalse();
  }

  @Test
  void aBlankServiceNameFallsBackToTheDefault() {
    LoadedConfig config = LoadedConfig.load(ConfigInputs.builder()
        .configYaml("service:\n  name: ${SERVICE_NAME}\n").build());

    assertThat(config.core().serviceName()).isEqualTo("unknown_service:java");
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void routingNamesAreCaseInsensitiveDeduplicatedAndKeepTheirOrder() {
    CoreSettings core = load("routing:\n  traces: [Sentry, OTEL, sentry]\n"
        + "  errors: \"console, sentry\"\n").core();

    assertThat(core.routing(Signal.TRACES)).containsExactly("sentry", "otel");
    assertThat(core.routing(Signal.ERRORS)).containsExactly("console", "sentry");
  }

  @Test
  void bothInAListExpandsInPlace() {
    CoreSettings core = load("routing:\n  traces: [both, console]\n").core();

    assertThat(core.routing(Signal.TRACES)).containsExactly("otel", "sentry", "console");
  }

  @Test
  void anEmptyListMeansNone() {
    CoreSettings core = load("routing:\n  metrics: []\n").core();

    assertThat(core.routing(Signal.METRICS)).isEmpty();
  }

  @Test
  void anUnknownBackendIsAProblemNamingTheAllowedValues() {
    LoadedConfig config = load("routing:\n  traces: zipkin\n  metrics: [otel, promethus]\n"
        + "  errors: sentyr\n");

    assertThat(config.core().routing(Signal.TRACES)).containsExactly("console");
    assertThat(config.problems()).extracting(ConfigProblem::path, ConfigProblem::value)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("routing.errors", "sentyr"),
            org.assertj.core.api.Assertions.tuple("routing.metrics", "[otel, promethus]"),
            org.assertj.core.api.Assertions.tuple("routing.traces", "zipkin"));
    assertThat(config.problems().get(2).message()).isEqualTo("unknown backend zipkin; expected a"
        + " backend name (console, memory, otel, sentry), a list of them, or none, or both"
        + " (= otel, sentry)");
    assertThat(config.problems().get(2).source()).isEqualTo("yaml:2");
    assertThat(config.problems().get(0).message()).endsWith("did you mean \"sentry\"?");
    assertThat(config.problems().get(1).message()).startsWith("unknown backend promethus;");
  }

  @Test
  void bothIsOnlyForTraces() {
    LoadedConfig config = load("routing:\n  errors: both\n");

    assertThat(config.problems()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("\"both\" is only valid for routing.traces"));
  }

  @Test
  void noneCannotBeCombinedWithBackends() {
    LoadedConfig config = load("routing:\n  events: [none, console]\n");

    assertThat(config.core().routing(Signal.EVENTS)).containsExactly("console");
    assertThat(config.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("routing.events");
      assertThat(p.message()).startsWith("\"none\" cannot be combined");
    });
  }

  @Test
  void discoveredBackendNamesAreValidRoutingTargets() {
    LoadedConfig config = LoadedConfig.load(ConfigInputs.builder()
        .configYaml("routing:\n  metrics: [Datadog, console]\n")
        .backendNames(Set.of("datadog")).build());

    assertThat(config.problems()).isEmpty();
    assertThat(config.core().routing(Signal.METRICS)).containsExactly("datadog", "console");
  }

  @Test
  void aWellKnownBackendWhoseJarIsAbsentIsNotAConfigurationError() {
    LoadedConfig config = load("routing:\n  errors: sentry\n");

    assertThat(config.problems()).isEmpty();
    assertThat(config.core().routing(Signal.ERRORS)).containsExactly("sentry");
  }

  @Test
  void routingFromTheEnvironmentIsCommaSeparated() {
    LoadedConfig config = LoadedConfig.load(ConfigInputs.builder()
        .env(Map.of("OBS_ROUTING_TRACES", "both", "OBS_ROUTING_EVENTS", "none",
            "OBS_ROUTING_ERRORS", "sentry, zipkin")).build());

    assertThat(config.core().routing(Signal.TRACES)).containsExactly("otel", "sentry");
    assertThat(config.core().routing(Signal.EVENTS)).isEmpty();
    assertThat(config.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("routing.errors");
      assertThat(p.value()).isEqualTo("sentry, zipkin");
      assertThat(p.source()).isEqualTo("env OBS_ROUTING_ERRORS");
    });
  }

  @Test
  void scrubKeysReplaceOrExtendTheDefaults() {
    assertThat(load("scrubbing:\n  extra_keys: [ssn, Card_Number]\n").core().scrubKeys())
        .startsWith("password", "passwd").endsWith("dsn", "ssn", "card_number")
        .hasSize(CoreSettings.DEFAULT_SCRUB_KEYS.size() + 2);
    assertThat(load("scrubbing:\n  keys: [ssn]\n  extra_keys: [pin, ssn]\n").core().scrubKeys())
        .containsExactly("ssn", "pin");
    assertThat(load("scrubbing:\n  keys: []\n").core().scrubKeys()).isEmpty();
  }

  @Test
  void badLimitsAreProblemsAndFallBackToDefaults() {
    LoadedConfig config = load("limits:\n  max_name_length: 0\n  max_cardinality: many\n"
        + "  warning_interval: often\nstrict: sometimes\n");
    CoreSettings core = config.core();

    assertThat(core.maxNameLength()).isEqualTo(255);
    assertThat(core.maxCardinality()).isEqualTo(1000);
    assertThat(core.warningInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(core.strict()).isFalse();
    assertThat(config.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
        "strict", "limits.max_name_length", "limits.max_cardinality", "limits.warning_interval");
  }

  @Test
  void theCoreKeysAppearInTheRootDescription() {
    LoadedConfig config = load("routing:\n  traces: otel\n");

    assertThat(config.root().describe()).containsEntry("routing.traces", "[otel]")
        .containsEntry("service.name", "unknown_service:java")
        .containsEntry("limits.warning_interval", "PT1M");
    assertThat(config.root().effectiveValues()).filteredOn(v -> v.path().equals("routing.traces"))
        .singleElement().extracting(EffectiveValue::source).isEqualTo("yaml:2");
    assertThat(List.copyOf(config.root().describe().keySet())).doesNotHaveDuplicates();
  }
}
