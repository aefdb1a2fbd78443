package dev.obskit.core.config;

import dev.obskit.core.ConfigProblem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables platforms inject for OpenTelemetry and Sentry SDKs ({@code OTEL_*}, {@code
 * SENTRY_*}), as a layer between the YAML and the {@code OBS_*} overrides: Kubernetes operators
 * and PaaS dashboards set them, and an app that ignores them silently exports to the wrong place.
 *
 * <p>Only the variables listed in {@link #VARIABLES} are read; each names one obskit key. The
 * meaning follows the OpenTelemetry specification (and opentelemetry-java's autoconfigure): an
 * empty value is unset; {@code OTEL_RESOURCE_ATTRIBUTES} and {@code OTEL_EXPORTER_OTLP_HEADERS}
 * are {@code k=v,k2=v2} lists with percent-encoded values; {@code OTEL_SERVICE_NAME} wins over a
 * {@code service.name} inside {@code OTEL_RESOURCE_ATTRIBUTES}; timeouts and intervals are
 * milliseconds; a per-signal OTLP endpoint is used as given while the generic one gets {@code
 * /v1/<signal>} appended (by the otel backend). A value that cannot mean anything is a
 * configuration problem naming the variable; a value of the wrong type for its key is reported
 * when the key is read, with the variable as its source.
 */
final class StandardVariables {
  private StandardVariables() {}

  /** How a variable's text becomes the value stored at its key; throws for text that means nothing. */
  private interface Conversion {
    Object convert(String text);
  }

  private record Variable(String name, String path, Conversion conversion) {}

  /** OTLP settings that exist both generically and per signal. */
  private static final String[][] OTLP_SETTINGS = {
    {"ENDPOINT", "endpoint"}, {"HEADERS", "headers"}, {"PROTOCOL", "protocol"},
    {"TIMEOUT", "timeout"}, {"COMPRESSION", "compression"},
  };

  /** The signals with their own OTLP settings (the otel backend reads {@code otel.otlp.<signal>.*}). */
  private static final String[] OTLP_SIGNALS = {"traces", "metrics", "logs"};

  static final List<Variable> VARIABLES = variables();

  private static List<Variable> variables() {
    List<Variable> v = new ArrayList<>();
    v.add(new Variable("OTEL_SERVICE_NAME", "service.name", text -> text));
    v.add(new Variable("OTEL_RESOURCE_ATTRIBUTES", "otel.resource", StandardVariables::decodedMap));
    v.add(new Variable("OTEL_SDK_DISABLED", "otel.enabled", StandardVariables::inverted));
    for (String[] setting : OTLP_SETTINGS) {
      v.add(new Variable("OTEL_EXPORTER_OTLP_" + setting[0], "otel.otlp." + setting[1], conversion(setting[1])));
    }
    for (String signal : OTLP_SIGNALS) {
      for (String[] setting : OTLP_SETTINGS) {
        v.add(new Variable("OTEL_EXPORTER_OTLP_" + signal.toUpperCase(Locale.ROOT) + "_" + setting[0],
            "otel.otlp." + signal + "." + setting[1], conversion(setting[1])));
      }
    }
    v.add(new Variable("OTEL_TRACES_SAMPLER", "otel.traces.sampler", text -> text.toLowerCase(Locale.ROOT)));
    v.add(new Variable("OTEL_TRACES_SAMPLER_ARG", "otel.traces.sampler_ratio", text -> text));
    v.add(new Variable("OTEL_PROPAGATORS", "propagation", text -> text));
    v.add(new Variable("OTEL_METRIC_EXPORT_INTERVAL", "otel.metrics.export_interval", StandardVariables::millis));
    v.add(new Variable("SENTRY_DSN", "sentry.dsn", text -> text));
    v.add(new Variable("SENTRY_ENVIRONMENT", "sentry.environment", text -> text));
    v.add(new Variable("SENTRY_RELEASE", "sentry.release", text -> text));
    v.add(new Variable("SENTRY_TRACES_SAMPLE_RATE", "sentry.traces_sample_rate", text -> text));
    return List.copyOf(v);
  }

  private static Conversion conversion(String setting) {
    switch (setting) {
      case "headers":
        return StandardVariables::decodedMap;
      case "timeout":
        return StandardVariables::millis;
      default:
        return text -> text;
    }
  }

  /** The names of every variable read, for documentation and tests. */
  static List<String> names() {
    return VARIABLES.stream().map(Variable::name).toList();
  }

  /**
   * Puts the value of every set variable at its key, over the YAML's (maps merge entry by entry)
   * and records the variable as the source. Returns the names of the variables applied.
   */
  static List<String> apply(ConfigInputs inputs) {
    List<String> applied = new ArrayList<>();
    for (Variable variable : VARIABLES) {
      String text = inputs.env.get(variable.name());
      if (text == null || text.isBlank()) {
        continue;
      }
      String source = "env " + variable.name();
      Object value;
      try {
        value = variable.conversion().convert(text.trim());
      } catch (IllegalArgumentException e) {
        inputs.problem(new ConfigProblem(variable.path(), display(variable, text),
            variable.name() + ": " + e.getMessage(), source));
        continue;
      }
      put(inputs, variable.path(), value, source);
      applied.add(variable.name());
      if (variable.name().equals("OTEL_RESOURCE_ATTRIBUTES") && value instanceof Map<?, ?> attributes
          && attributes.get("service.name") instanceof String name && !name.isBlank()
          && isBlank(inputs.env.get("OTEL_SERVICE_NAME"))) {
        // The specification: OTEL_SERVICE_NAME wins; otherwise service.name from the attributes.
        put(inputs, "service.name", name, source);
      }
    }
    return applied;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static String display(Variable variable, String text) {
    return variable.name().contains("HEADERS") || variable.name().equals("SENTRY_DSN") ? SecretMask.mask(text) : text;
  }

  /** Puts {@code value} at {@code path}; a map merges into the map already there, entry by entry. */
  @SuppressWarnings("unchecked")
  private static void put(ConfigInputs inputs, String path, Object value, String source) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> merged = inputs.node(path) instanceof Map<?, ?> old
          ? new LinkedHashMap<>((Map<String, Object>) old) : new LinkedHashMap<>();
      map.forEach((k, v) -> {
        merged.put(String.valueOf(k), v);
        inputs.sources.put(path + "." + k, source);
      });
      value = merged;
    }
    inputs.put(path, value, source);
  }

  /** {@code true} → {@code false} and back (a "disabled" variable for an "enabled" key). */
  private static Object inverted(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("true")) {
      return false;
    }
    if (lower.equals("false")) {
      return true;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  /**
   * The specification's unit is milliseconds ({@code 2500}); like opentelemetry-java, a duration
   * with a unit ({@code 10s}) is accepted too and checked when the key is read.
   */
  private static Object millis(String text) {
    return text.chars().allMatch(Character::isDigit) ? text + "ms" : text;
  }

  /** {@code k=v,k2=v2} with percent-encoded values, as the specification writes them. */
  private static Object decodedMap(String text) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String item : text.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int equals = item.indexOf('=');
      if (equals <= 0 || item.substring(0, equals).isBlank()) {
        throw new IllegalArgumentException("expected key=value pairs separated by commas; \""
            + item.trim() + "\" has no key=value form");
      }
      result.put(item.substring(0, equals).trim(), percentDecode(item.substring(equals + 1).trim()));
    }
    return result;
  }

  /** Percent-decoding without turning {@code +} into a space (W3C baggage encoding, not HTML forms). */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length
          && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
        out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
