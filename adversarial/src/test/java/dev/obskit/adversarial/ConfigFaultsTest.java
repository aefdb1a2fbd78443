package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Class 6 of the reliability issue: every injected configuration fault is reported in the one
 * {@link ConfigurationException}, naming its key path or its environment variable; valid input
 * (anchors, a large file within the limit) is accepted.
 */
class ConfigFaultsTest {
  private static final String DSN = "http://key@127.0.0.1:9/1";

  static Stream<Arguments> faults() {
    return Stream.of(
        yaml("limits: {warning_interval: P200000D}", "limits.warning_interval"),
        env("OBS_LIMITS_WARNING_INTERVAL", "P200000D", "limits.warning_interval"),
        yaml("sentry: {dsn: '" + DSN + "', flush_timeout: P200000D}", "sentry.flush_timeout"),
        yaml("sentry: {dsn: '" + DSN + "', shutdown_timeout: PT9999999999H}", "sentry.shutdown_timeout"),
        yaml("otel: {otlp: {timeout: P200000D}}", "otel.otlp.timeout"),
        yaml("otel: {traces: {batch: {schedule_delay: P200000D}}}", "otel.traces.batch.schedule_delay"),
        yaml("otel: {metrics: {export_interval: P200000D}}", "otel.metrics.export_interval"),
        yaml("otel: {otlp: {endpoint: 'http://localhost:99999'}}", "otel.otlp.endpoint"),
        yaml("otel: {otlp: {headers: {'bad name': v}}}", "otel.otlp.headers"),
        yaml("otel: {otlp: {headers: {x-key: \"a\\nb\"}}}", "otel.otlp.headers"),
        yaml("sentry: {dsn: 'http://key@/1'}", "sentry.dsn"),
        yaml("sentry: {dsn: 'http://key@host:99999/1'}", "sentry.dsn"),
        yaml("sentry: {dsn: 'http://key@host/project'}", "sentry.dsn"),
        yaml("strict: false\n---\nstrict: true", ""),
        Arguments.of("{limits: {max_cardinality: 10}} garbage", Map.of(), ""),
        env("OBS_OTEL_TRACES_EXPORTER", "bogus:x", "otel.traces.exporter"),
        env("OBS_ROUTING_ERRORS", "[unclosed", "routing.errors"));
  }

  private static Arguments yaml(String yaml, String path) {
    // Routed to both backends: a backend reads (and checks) its section only when it runs.
    return Arguments.of("routing: {errors: sentry, traces: otel, metrics: otel}\n" + yaml, Map.of(), path);
  }

  private static Arguments env(String name, String value, String path) {
    return Arguments.of("routing: {traces: otel, metrics: otel}\notel: {traces: {exporter: none}, metrics: {exporter: none}}",
        Map.of(name, value), path);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void everyFaultIsNamedInTheOneException(String yaml, Map<String, String> env, String path) {
    Throwable thrown = catchThrowable(() -> ObservabilitySdk.builder().environmentVariables(env)
        .configYaml(yaml).set("shutdown_hook", false).build().close(Duration.ofSeconds(1)));
    assertThat(thrown).as("build() of %s %s", yaml, env).isInstanceOf(ConfigurationException.class);
    List<ConfigProblem> problems = ((ConfigurationException) thrown).problems();
    String text = problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    if (path.isEmpty()) {
      assertThat(problems).as(text).isNotEmpty();
    } else {
      assertThat(problems).as(text).anyMatch(p -> p.path().equals(path));
    }
    env.keySet().forEach(name -> assertThat(text).as("names the variable").contains(name));
    // Never echo an invalid header or the DSN's key.
    assertThat(text).doesNotContain("key@");
  }

  @Test
  void aYamlParseErrorDoesNotHideTheOtherProblems() {
    ConfigurationException e = (ConfigurationException) catchThrowable(() -> ObservabilitySdk.builder()
        .environmentVariables(Map.of("OBS_ROUTING_ERRORS", "bogus"))
        .configYaml("limits:\n  max_cardinality: -5\n  max_string_length: 12\nrouting: {errors: console\n").build());
    assertThat(e).isNotNull();
    assertThat(e.problems()).anyMatch(p -> p.message().contains("malformed YAML"));
    assertThat(e.problems()).anyMatch(p -> p.path().equals("routing.errors"));
    // The file's own problem before the syntax error is reported in the same start.
    assertThat(e.problems()).anyMatch(p -> p.path().equals("limits.max_cardinality"));
  }

  @Test
  void anchorsAndAliasesAreRead() {
    Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .configYaml("routing: {errors: &b console, events: *b, traces: none, metrics: none}\n"
            + "console: &c {color: never}\n")
        .set("shutdown_hook", false).build();
    assertThat(obs.toString()).contains("console");
    obs.close(Duration.ofSeconds(1));
  }

  @Test
  void aFileOverTheSizeLimitIsRejectedAtOnceNamingTheLimit(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.yaml");
    StringBuilder sb = new StringBuilder("console:\n  color: never\nscrubbing:\n  extra_keys:\n");
    while (sb.length() < 5 * 1024 * 1024) {
      sb.append("    - key_").append(sb.length()).append('\n');
    }
    Files.writeString(file, sb);
    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> ObservabilitySdk.builder().environmentVariables(Map.of())
        .configFile(file).build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown).isInstanceOf(ConfigurationException.class);
    assertThat(thrown.getMessage()).contains("1048576 bytes");
    // Reading 5 MB takes milliseconds; the point is that nothing parses it (it took 5-11 s).
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void theShutdownHookKeyIsValidated() {
    assertThatThrownBy(() -> ObservabilitySdk.builder().environmentVariables(Map.of())
        .configYaml("shutdown_hook: sometimes").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("shutdown_hook");
    assertThatThrownBy(() -> ObservabilitySdk.builder().environmentVariables(Map.of("OBS_SHUTDOWN_TIMEOUT", "P200000D"))
        .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("OBS_SHUTDOWN_TIMEOUT");
    ObservabilitySdk.builder().environmentVariables(Map.of()).route(Signal.ERRORS, "none")
        .configYaml("shutdown_hook: false\nshutdown_timeout: 2s").build().close();
  }
}
