package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.obskit.core.ConfigProblem;
import dev.obskit.core.internal.SdkSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SectionConfigTest {
  private static SdkSettings load(String yaml) {
    return SdkSettings.read(ConfigInputs.builder().configYaml(yaml).build());
  }

  private static ConfigProblem onlyProblem(SdkSettings config) {
    assertThat(config.inputs().problems()).hasSize(1);
    return config.inputs().problems().get(0);
  }

  @Test
  void gettersReturnDefaultsForAbsentKeysWithoutProblems() {
    SdkSettings config = load("");
    SectionConfig s = config.section("b");

    assertThat(s.getString("a", "d")).isEqualTo("d");
    assertThat(s.getChoice("a", "x", "x", "y")).isEqualTo("x");
    assertThat(s.getBoolean("a", true)).isTrue();
    assertThat(s.getInt("a", 3, 0, 9)).isEqualTo(3);
    assertThat(s.getDouble("a", 0.5, 0, 1)).isEqualTo(0.5);
    assertThat(s.getDuration("a", Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.getStringList("a", List.of("z"))).containsExactly("z");
    assertThat(s.getStringMap("a", Map.of("k", "v"))).containsEntry("k", "v");
    assertThat(s.getDoubleList("a", List.of(1.0))).containsExactly(1.0);
    assertThat(s.section("nested").getString("x", "n")).isEqualTo("n");
    assertThat(s.path()).isEqualTo("b");
    assertThat(s.section("nested").path()).isEqualTo("b.nested");
    assertThat(config.inputs().problems()).isEmpty();
  }

  @Test
  void aNonNumericDoubleIsAProblemWithPathValueSourceAndRange() {
    SdkSettings config = load("sentry:\n  traces_sample_rate: abc\n");

    double rate = config.section("sentry").getDouble("traces_sample_rate", 0.1, 0.0, 1.0);

    assertThat(rate).isEqualTo(0.1);
    assertThat(onlyProblem(config)).isEqualTo(new ConfigProblem("sentry.traces_sample_rate",
        "abc", "expected a number between 0.0 and 1.0", "yaml:2"));
  }

  @Test
  void doublesOutOfRangeOrNotFiniteAreProblems() {
    SdkSettings config = load("s:\n  a: 1.5\n  b: .nan\n  c: 1_000.5\n");
    SectionConfig s = config.section("s");

    assertThat(s.getDouble("a", 0, 0, 1)).isZero();
    assertThat(s.getDouble("b", 0, 0, 1)).isZero();
    assertThat(s.getDouble("c", 0, 0, 2000)).isEqualTo(1000.5);
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::value)
        .containsExactly(tuple("s.a", "1.5"), tuple("s.b", ".nan"));
  }

  @Test
  void intsMustBeWholeAndInRange() {
    SdkSettings config = load("s:\n  a: 2.5\n  b: 11\n  c: lots\n  d: 7\n  e: 99999999999\n");
    SectionConfig s = config.section("s");

    assertThat(s.getInt("a", 1, 0, 10)).isEqualTo(1);
    assertThat(s.getInt("b", 1, 0, 10)).isEqualTo(1);
    assertThat(s.getInt("c", 1, 0, 10)).isEqualTo(1);
    assertThat(s.getInt("d", 1, 0, 10)).isEqualTo(7);
    assertThat(s.getInt("e", 1, 0, Integer.MAX_VALUE)).isEqualTo(1);
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path)
        .containsExactly("s.a", "s.b", "s.c", "s.e");
    assertThat(config.inputs().problems().get(0).message())
        .isEqualTo("expected a whole number between 0 and 10");
  }

  @Test
  void booleansAreTrueOrFalseInAnyCase() {
    SdkSettings config = load("s:\n  a: TRUE\n  b: \"false\"\n  c: yes please\n");
    SectionConfig s = config.section("s");

    assertThat(s.getBoolean("a", false)).isTrue();
    assertThat(s.getBoolean("b", true)).isFalse();
    assertThat(s.getBoolean("c", false)).isFalse();
    assertThat(onlyProblem(config)).satisfies(p -> {
      assertThat(p.path()).isEqualTo("s.c");
      assertThat(p.message()).isEqualTo("expected true or false");
    });
  }

  @Test
  void choicesAreCaseInsensitiveReturnedLowerCaseAndBadOnesListTheAllowedValues() {
    SdkSettings config = load("demo:\n  protocol: HTTP\n  exporter: otlpp\n  x: carrier\n");
    SectionConfig otel = config.section("demo");

    assertThat(otel.getChoice("protocol", "grpc", "grpc", "http")).isEqualTo("http");
    assertThat(otel.getChoice("exporter", "otlp", "otlp", "logging", "none")).isEqualTo("otlp");
    assertThat(otel.getChoice("x", "a", "a", "b")).isEqualTo("a");
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactly(
            tuple("demo.exporter", "expected one of: otlp, logging, none; did you mean \"otlp\"?"),
            tuple("demo.x", "expected one of: a, b"));
  }

  @Test
  void aListWhereASingleValueIsExpectedIsAProblem() {
    SdkSettings config = load("s:\n  name: [a, b]\n");

    assertThat(config.section("s").getString("name", "d")).isEqualTo("d");
    assertThat(onlyProblem(config)).satisfies(p -> {
      assertThat(p.value()).isEqualTo("[a, b]");
      assertThat(p.message()).contains("expected a single value");
    });
  }

  @Test
  void durationsAcceptUnitsIsoAndBareMilliseconds() {
    assertThat(SectionConfig.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(SectionConfig.parseDuration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(SectionConfig.parseDuration(" 1m ")).isEqualTo(Duration.ofMinutes(1));
    assertThat(SectionConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(SectionConfig.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(SectionConfig.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(SectionConfig.parseDuration("10us")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(SectionConfig.parseDuration("7ns")).isEqualTo(Duration.ofNanos(7));
    assertThat(SectionConfig.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
    assertThat(SectionConfig.parseDuration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(SectionConfig.parseDuration("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void badDurationsAreProblems() {
    assertThat(SectionConfig.parseDuration("-5s")).isNull();
    assertThat(SectionConfig.parseDuration("5 sec")).isNull();
    assertThat(SectionConfig.parseDuration("soon")).isNull();
    assertThat(SectionConfig.parseDuration("PT-5S")).isNull();
    assertThat(SectionConfig.parseDuration("99999999999999999d")).isNull();

    SdkSettings config = load("s:\n  timeout: 5 minutes\n");
    assertThat(config.section("s").getDuration("timeout", Duration.ofSeconds(3)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(onlyProblem(config)).satisfies(p -> {
      assertThat(p.path()).isEqualTo("s.timeout");
      assertThat(p.value()).isEqualTo("5 minutes");
      assertThat(p.message()).contains("250ms, 5s, 1m");
    });
  }

  @Test
  void listsComeFromYamlListsOrCommaSeparatedText() {
    SdkSettings config = load("s:\n  a: [x, \" y \", 3]\n  b: x, y\n  c:\n    k: v\n"
        + "  d: [[nested]]\n");
    SectionConfig s = config.section("s");

    assertThat(s.getStringList("a", List.of())).containsExactly("x", "y", "3");
    assertThat(s.getStringList("b", List.of())).containsExactly("x", "y");
    assertThat(s.getStringList("c", List.of("dflt"))).containsExactly("dflt");
    assertThat(s.getStringList("d", List.of("dflt"))).containsExactly("dflt");
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path)
        .containsExactly("s.c", "s.d");
  }

  @Test
  void mapsComeFromYamlMappingsOrKeyValueText() {
    SdkSettings config = load("s:\n  a:\n    k: v\n    n: 1\n  b: k=v,broken\n  c: [x]\n"
        + "  d:\n    k: [1]\n");
    SectionConfig s = config.section("s");

    assertThat(s.getStringMap("a", Map.of())).containsExactly(Map.entry("k", "v"),
        Map.entry("n", "1"));
    assertThat(s.getStringMap("b", Map.of())).isEmpty();
    assertThat(s.getStringMap("c", Map.of())).isEmpty();
    assertThat(s.getStringMap("d", Map.of())).isEmpty();
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path)
        .containsExactly("s.b", "s.c", "s.d");
    assertThat(config.inputs().problems().get(0).message()).contains("\"broken\" has no key=value form");
  }

  @Test
  void doubleListsRejectNonNumbers() {
    SdkSettings config = load("s:\n  a: [1, 2.5]\n  b: [1, two]\n");
    SectionConfig s = config.section("s");

    assertThat(s.getDoubleList("a", List.of())).containsExactly(1.0, 2.5);
    assertThat(s.getDoubleList("b", List.of(9.0))).containsExactly(9.0);
    assertThat(onlyProblem(config).message()).contains("\"two\" is not a number");
  }

  @Test
  void aBackendCanReportItsOwnProblemWithTheValueAndSource() {
    SdkSettings config = load("sentry:\n  dsn: not-a-dsn\n");
    SectionConfig sentry = config.section("sentry");
    sentry.getSecret("dsn", "");

    sentry.problem("dsn", "expected a DSN like https://KEY@HOST/PROJECT");
    sentry.problem("missing", "needs a value");

    assertThat(config.inputs().problems()).containsExactly(
        new ConfigProblem("sentry.dsn", "****", "expected a DSN like https://KEY@HOST/PROJECT",
            "yaml:2"),
        new ConfigProblem("sentry.missing", null, "needs a value", null));
  }

  @Test
  void theSameProblemIsRecordedOnce() {
    SdkSettings config = load("s:\n  a: x\n");

    config.section("s").getInt("a", 1, 0, 5);
    config.section("s").getInt("a", 1, 0, 5);

    assertThat(config.inputs().problems()).hasSize(1);
  }

  @Test
  void unknownKeysAreReportedWithASuggestionAmongTheKeysRead() {
    SdkSettings config = load("""
        sentry:
          dsn: x
          tracs_sample_rate: 0.5
          tracesSampleRate: 0.5
          completely_else: 1
          transport:
            queue_sise: 3
        """);
    SectionConfig sentry = config.section("sentry");
    sentry.getSecret("dsn", "");
    sentry.getDouble("traces_sample_rate", 0, 0, 1);
    sentry.section("transport").getInt("queue_size", 1, 1, 10);

    config.reportUnknownKeys(Set.of("sentry"), Set.of("sentry"));

    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::message,
        ConfigProblem::source).containsExactly(
            tuple("sentry.tracs_sample_rate",
                "unknown key; did you mean \"traces_sample_rate\"?", "yaml:3"),
            tuple("sentry.tracesSampleRate",
                "unknown key; did you mean \"traces_sample_rate\"?", "yaml:4"),
            tuple("sentry.completely_else",
                "unknown key; known keys here: dsn, traces_sample_rate, transport", "yaml:5"),
            tuple("sentry.transport.queue_sise",
                "unknown key; did you mean \"queue_size\"?", "yaml:7"));
  }

  @Test
  void unknownKeysAreCheckedOnlyForCreatedBackendsButEveryTopLevelKey() {
    SdkSettings config = load("""
        routng:
          traces: otel
        otel:
          anything: 1
        custom:
          x: 1
        console:
          enabled: false
          colour: true
        """);
    config.backendEnabled("console");

    config.reportUnknownKeys(Set.of("custom"), Set.of("console"));

    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactly(
            tuple("routng", "unknown key; did you mean \"routing\"?"),
            tuple("console.colour", "unknown key; known keys here: enabled"));
  }

  @Test
  void unknownKeysInCoreSectionsAreReported() {
    SdkSettings config = load("limits:\n  max_cardinaltiy: 10\nservice:\n  nmae: x\n");

    config.reportUnknownKeys(Set.of(), Set.of());

    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::message)
        .containsExactly(
            tuple("limits.max_cardinaltiy", "unknown key; did you mean \"max_cardinality\"?"),
            tuple("service.nmae", "unknown key; did you mean \"name\"?"));
  }

  @Test
  void builderKeysAreCheckedForUnknownKeysToo() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().set("console.colr", "x")
        .build());

    config.reportUnknownKeys(Set.of(), Set.of("console"));

    assertThat(config.inputs().problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("console.colr");
      assertThat(p.source()).isEqualTo("builder");
    });
  }

  @Test
  void secretsAreMaskedInProblemsAndInTheDescription() {
    SdkSettings config = load("""
        sentry:
          dsn: http://abc123@127.0.0.1:8969/0
          token: s3cr3t
          debug: maybe
        exporter:
          headers:
            authorization: Bearer xyz
            x-tenant: blue
          endpoint: http://127.0.0.1:4318
        """);
    SectionConfig sentry = config.section("sentry");
    sentry.getSecret("dsn", "");
    sentry.getSecret("token", "");
    sentry.getBoolean("debug", false);
    sentry.problem("dsn", "bad");
    sentry.problem("token", "bad");
    // Not "otel": its flat endpoint key is a shorthand, rewritten to otel.otlp.endpoint.
    SectionConfig otel = config.section("exporter");
    otel.getStringMap("headers", Map.of());
    otel.getString("endpoint", "");

    assertThat(sentry.describe()).containsExactly(
        Map.entry("dsn", "http://****@127.0.0.1:8969/0"),
        Map.entry("token", "****"),
        Map.entry("debug", "false"));
    assertThat(otel.describe()).containsExactly(
        Map.entry("headers", "{authorization=****, x-tenant=blue}"),
        Map.entry("endpoint", "http://127.0.0.1:4318"));
    assertThat(config.inputs().problems()).extracting(ConfigProblem::path, ConfigProblem::value)
        .containsExactly(tuple("sentry.debug", "maybe"),
            tuple("sentry.dsn", "http://****@127.0.0.1:8969/0"), tuple("sentry.token", "****"));
    assertThat(config.inputs().problems().toString()).doesNotContain("abc123", "s3cr3t", "xyz");
  }

  @Test
  void effectiveValuesCarrySourcesAndIncludeNestedSections() {
    SdkSettings config = SdkSettings.read(ConfigInputs.builder()
        .configYaml("otel:\n  exporter:\n    endpoint: http://127.0.0.1:4318\n")
        .env(Map.of("OBS_OTEL_EXPORTER_PROTOCOL", "grpc")).build());
    SectionConfig otel = config.section("otel");
    otel.getBoolean("enabled", true);
    SectionConfig exporter = otel.section("exporter");
    exporter.getString("endpoint", "");
    exporter.getChoice("protocol", "http", "http", "grpc");

    assertThat(otel.effectiveValues()).containsExactly(
        new EffectiveValue("otel.enabled", "true", "default"),
        new EffectiveValue("otel.exporter.endpoint", "http://127.0.0.1:4318", "yaml:3"),
        new EffectiveValue("otel.exporter.protocol", "grpc", "env OBS_OTEL_EXPORTER_PROTOCOL"));
    assertThat(otel.describe()).containsOnlyKeys("enabled", "exporter.endpoint",
        "exporter.protocol");
  }
}
