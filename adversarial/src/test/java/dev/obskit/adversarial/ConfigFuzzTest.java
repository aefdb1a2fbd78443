package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property: any configuration text and any {@code OBS_*} value either builds or fails with the
 * one {@link ConfigurationException}; never another exception, and every problem says where.
 */
class ConfigFuzzTest {
  private static final List<String> KEYS = List.of("limits.warning_interval", "limits.max_cardinality",
      "limits.max_string_length", "limits.max_metric_names", "routing.errors", "routing.traces", "strict",
      "shutdown_hook", "shutdown_timeout", "sentry.dsn", "sentry.flush_timeout", "sentry.max_queue_size",
      "sentry.traces_queue_size", "sentry.mirror_sample_rate", "otel.otlp.endpoint", "otel.otlp.timeout",
      "otel.otlp.headers", "otel.traces.exporter", "otel.traces.batch.schedule_delay", "otel.metrics.export_interval",
      "otel.prometheus.port", "console.output");

  private static final List<String> VALUES = List.of("P200000D", "PT-1S", "99999", "-1", "1e400", "NaN", "http://h:99999",
      "http://key@/1", "http://key@h/x", "{a: 1}", "[1, 2", "bogus:x", "'", "\"", "&a x", "*a", "---", "", "~",
      "!!binary AAAA", "${UNSET}", "${", "5s", "1ms", "none", "both", "otlp", "0", "true", "x".repeat(2000));

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> line = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
        .as((k, v) -> nest(k, v));
    Arbitrary<String> noise = Arbitraries.strings().withChars(":{}[],&*!|>-#'\"\n \t%@`").ofMaxLength(30);
    return Arbitraries.oneOf(line.list().ofMaxSize(6).map(l -> String.join("\n", l)),
        Combinators.combine(line, noise).as((l, n) -> l + "\n" + n), noise);
  }

  private static String nest(String key, String value) {
    String[] parts = key.split("\\.");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      sb.append(parts[i]).append(": {");
    }
    sb.append(parts[parts.length - 1]).append(": ").append(value);
    sb.append("}".repeat(parts.length - 1));
    return sb.toString();
  }

  @Property(tries = 300)
  void anyConfigurationBuildsOrFailsWithOneNamedException(@ForAll("documents") String yaml,
      @ForAll("envName") String envKey, @ForAll("envValue") String envValue) {
    Map<String, String> env = Map.of(envKey, envValue);
    Observability obs = null;
    try {
      obs = ObservabilitySdk.builder().environmentVariables(env).configYaml(yaml).set("shutdown_hook", false)
          .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none").build();
    } catch (ConfigurationException e) {
      for (ConfigProblem p : e.problems()) {
        assertThat(p.path().isEmpty() && (p.source() == null || p.source().isEmpty()))
            .as("problem without a path or source: %s", p).isFalse();
      }
    } finally {
      if (obs != null) {
        obs.close(Duration.ofSeconds(1));
      }
    }
  }

  @Provide
  Arbitrary<String> envName() {
    return Arbitraries.of(KEYS).map(k -> "OBS_" + k.toUpperCase().replace('.', '_'));
  }

  @Provide
  Arbitrary<String> envValue() {
    return Arbitraries.of(VALUES);
  }
}
