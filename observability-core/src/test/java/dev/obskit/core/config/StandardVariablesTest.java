package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.ConfigProblem;
import dev.obskit.core.internal.SdkSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OTEL_* / SENTRY_* layer: between the YAML and OBS_*, spec semantics, bad values named. */
class StandardVariablesTest {
  private static final String YAML = """
      service:
        name: from-file
      sentry:
        dsn: http://filekey@127.0.0.1:1/1
        environment: file-env
      otel:
        resource: {team: ai, tier: web}
        otlp:
          endpoint: http://file:4318
      """;

  private static SdkSettings load(String yaml, Map<String, String> env) {
    return SdkSettings.read(ConfigInputs.builder().configYaml(yaml).env(env).build());
  }

  @Test
  void standardVariablesOverrideTheFileAndLoseToObsVariablesAndTheBuilder() {
    Map<String, String> env = Map.of(
        "OTEL_SERVICE_NAME", "checkout",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "SENTRY_ENVIRONMENT", "staging",
        "OBS_SENTRY_ENVIRONMENT", "from-obs");
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().configYaml(YAML).env(env)
        .set("otel.otlp.endpoint", "http://builder:4318").build());

    assertThat(config.serviceName()).isEqualTo("checkout");
    assertThat(config.inputs().root().section("service").sourceOf("name")).isEqualTo("env OTEL_SERVICE_NAME");
    SectionConfig sentry = config.section("sentry");
    assertThat(sentry.getString("environment", "")).isEqualTo("from-obs");
    assertThat(sentry.sourceOf("environment")).isEqualTo("env OBS_SENTRY_ENVIRONMENT");
    assertThat(sentry.getSecret("dsn", "")).as("not set by any variable: the file's")
        .isEqualTo("http://filekey@127.0.0.1:1/1");
    SectionConfig otlp = config.section("otel").section("otlp");
    assertThat(otlp.getString("endpoint", "")).isEqualTo("http://builder:4318");
    assertThat(config.inputs().problems()).isEmpty();
    assertThat(config.inputs().sourcesDescription()).containsSubsequence("inline yaml", "env OTEL_SERVICE_NAME",
        "env OTEL_EXPORTER_OTLP_ENDPOINT", "env SENTRY_ENVIRONMENT", "env OBS_SENTRY_ENVIRONMENT");
  }

  @Test
  void everyVariableLandsOnItsKey() {
    Map<String, String> env = Map.ofEntries(
        Map.entry("OTEL_RESOURCE_ATTRIBUTES", "team=payments,region=eu%2Dwest%2C1,note=a+b"),
        Map.entry("OTEL_SDK_DISABLED", "true"),
        Map.entry("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=s%3Dcret,x-team=ai"),
        Map.entry("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
        Map.entry("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
        Map.entry("OTEL_EXPORTER_OTLP_COMPRESSION", "none"),
        Map.entry("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom/path"),
        Map.entry("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-only=traces"),
        Map.entry("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
        Map.entry("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "100"),
        Map.entry("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "gzip"),
        Map.entry("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://metrics:4317"),
        Map.entry("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://logs:4318/v1/logs"),
        Map.entry("OTEL_EXPORTER_OTLP_LOGS_HEADERS", "x-only=logs"),
        Map.entry("OTEL_TRACES_SAMPLER", "ParentBased_TraceIdRatio"),
        Map.entry("OTEL_TRACES_SAMPLER_ARG", "0.25"),
        Map.entry("OTEL_PROPAGATORS", "tracecontext,baggage,sentry"),
        Map.entry("OTEL_METRIC_EXPORT_INTERVAL", "15000"),
        Map.entry("SENTRY_DSN", "http://envkey@127.0.0.1:2/2"),
        Map.entry("SENTRY_RELEASE", "checkout@1.4.0"),
        Map.entry("SENTRY_TRACES_SAMPLE_RATE", "0.3"));
    SdkSettings config = load(YAML, env);
    SectionConfig otel = config.section("otel");
    SectionConfig otlp = otel.section("otlp");

    assertThat(otel.getStringMap("resource", Map.of())).as("merged over the file's, values percent-decoded only")
        .containsExactly(Map.entry("team", "payments"), Map.entry("tier", "web"),
            Map.entry("region", "eu-west,1"), Map.entry("note", "a+b"));
    assertThat(config.backendEnabled("otel")).isFalse();
    assertThat(otlp.section("headers").getSecret("x-api-key", "")).isEqualTo("s=cret");
    assertThat(otlp.section("headers").getSecret("x-team", "")).isEqualTo("ai");
    assertThat(otlp.getString("protocol", "")).isEqualTo("grpc");
    assertThat(otlp.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(2500));
    assertThat(otlp.getString("compression", "")).isEqualTo("none");
    SectionConfig traces = otlp.section("traces");
    assertThat(traces.getString("endpoint", "")).isEqualTo("http://traces:4318/custom/path");
    assertThat(traces.section("headers").getSecret("x-only", "")).isEqualTo("traces");
    assertThat(traces.getString("protocol", "")).isEqualTo("http/protobuf");
    assertThat(traces.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
    assertThat(traces.getString("compression", "")).isEqualTo("gzip");
    assertThat(otlp.section("metrics").getString("endpoint", "")).isEqualTo("http://metrics:4317");
    assertThat(otlp.section("logs").getString("endpoint", "")).isEqualTo("http://logs:4318/v1/logs");
    assertThat(otlp.section("logs").section("headers").getSecret("x-only", "")).isEqualTo("logs");
    assertThat(otel.section("traces").getString("sampler", "")).isEqualTo("parentbased_traceidratio");
    assertThat(otel.section("traces").getDouble("sampler_ratio", 1, 0, 1)).isEqualTo(0.25);
    assertThat(otel.section("metrics").getDuration("export_interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.propagation()).containsExactly("tracecontext", "baggage", "sentry");
    SectionConfig sentry = config.section("sentry");
    assertThat(sentry.getSecret("dsn", "")).isEqualTo("http://envkey@127.0.0.1:2/2");
    assertThat(sentry.getString("release", "")).isEqualTo("checkout@1.4.0");
    assertThat(sentry.getDouble("traces_sample_rate", 1, 0, 1)).isEqualTo(0.3);
    assertThat(sentry.getString("environment", "")).as("SENTRY_ENVIRONMENT unset: the file's").isEqualTo("file-env");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void serviceNameInTheResourceAttributesCountsWhenOtelServiceNameIsUnset() {
    assertThat(load(YAML, Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes")).serviceName())
        .isEqualTo("from-attributes");
    assertThat(load(YAML, Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes",
        "OTEL_SERVICE_NAME", "wins")).serviceName()).isEqualTo("wins");
  }

  @Test
  void anEmptyVariableIsUnsetAsTheSpecificationSays() {
    SdkSettings config = load(YAML, Map.of("OTEL_SERVICE_NAME", "", "SENTRY_DSN", " "));
    assertThat(config.serviceName()).isEqualTo("from-file");
    assertThat(config.section("sentry").getSecret("dsn", "")).isEqualTo("http://filekey@127.0.0.1:1/1");
  }

  @Test
  void badValuesAreProblemsNamingTheVariable() {
    SdkSettings config = load(YAML, Map.of(
        "OTEL_SDK_DISABLED", "maybe",
        "OTEL_EXPORTER_OTLP_TIMEOUT", "soon",
        "OTEL_RESOURCE_ATTRIBUTES", "team",
        "OTEL_PROPAGATORS", "b3",
        "SENTRY_TRACES_SAMPLE_RATE", "lots"));
    config.section("sentry").getDouble("traces_sample_rate", 1, 0, 1);
    config.section("otel").section("otlp").getDuration("timeout", Duration.ofSeconds(10));
    assertThat(load("", Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "10s")).section("otel").section("otlp")
        .getDuration("timeout", Duration.ZERO)).as("a unit is accepted, as opentelemetry-java does").isEqualTo(Duration.ofSeconds(10));

    List<ConfigProblem> problems = config.inputs().problems();
    assertThat(problems).extracting(ConfigProblem::source).containsExactlyInAnyOrder(
        "env OTEL_SDK_DISABLED", "env OTEL_EXPORTER_OTLP_TIMEOUT", "env OTEL_RESOURCE_ATTRIBUTES",
        "env OTEL_PROPAGATORS", "env SENTRY_TRACES_SAMPLE_RATE");
    assertThat(problems).filteredOn(p -> p.source().equals("env OTEL_SDK_DISABLED")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("OTEL_SDK_DISABLED").contains("true or false"));
    assertThat(problems).filteredOn(p -> p.source().equals("env OTEL_PROPAGATORS")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("b3").contains("tracecontext, baggage, sentry"));
    assertThat(new dev.obskit.core.ConfigurationException(problems).getMessage())
        .contains("OTEL_EXPORTER_OTLP_TIMEOUT").contains("SENTRY_TRACES_SAMPLE_RATE");
  }

  @Test
  void aVariableOutsideTheListIsNeverRead() {
    SdkSettings config = load("", Map.of("OTEL_TRACES_EXPORTER", "zipkin", "SENTRY_DEBUG", "true",
        "OTEL_EXPORTER_OTLP_PROFILES_ENDPOINT", "http://profiles:4318"));
    assertThat(config.section("otel").section("traces").getString("exporter", "otlp")).isEqualTo("otlp");
    assertThat(config.section("sentry").getBoolean("debug", false)).isFalse();
    assertThat(config.inputs().sourcesDescription()).containsExactly("inline yaml");
  }

  @Test
  void theSecretsOfAVariableStayMaskedInItsProblem() {
    SdkSettings config = load("", Map.of("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer abc,broken"));
    assertThat(config.inputs().problems()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("env OTEL_EXPORTER_OTLP_HEADERS");
      assertThat(p.value()).doesNotContain("abc");
    });
  }
}
