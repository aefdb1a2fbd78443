package dev.obskit.core.config;

import dev.obskit.core.ConfigProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The flat {@code otel:} keys of obskit's first configuration format ({@code service_name},
 * {@code exporter}, {@code endpoint}, {@code metrics_enabled}, {@code traces_enabled}), so that a
 * file written in it runs unchanged and means what it says. Each is rewritten onto the canonical
 * key before anything is read; a note names the canonical keys. A canonical key set in the same
 * sources wins over its shorthand. An empty shorthand (a {@code ${VAR}} whose variable is unset)
 * is unset, as its canonical key's default applies then.
 */
final class ShorthandKeys {
  private ShorthandKeys() {}

  /** Rewrites the shorthand keys in the merged tree of {@code inputs}; returns one note per rewritten key. */
  static List<String> rewrite(ConfigInputs inputs) {
    List<String> notes = new ArrayList<>();
    if (!(inputs.tree.get("otel") instanceof Map<?, ?> otel)) {
      return notes;
    }
    Set<String> written = new HashSet<>();
    // The *_enabled flags first: "traces_enabled: false" beats "exporter: otlp" for traces.
    move(inputs, notes, written, "otel.metrics_enabled", List.of("otel.metrics.exporter"), (Boolean enabled) -> enabled ? null : "none");
    move(inputs, notes, written, "otel.traces_enabled", List.of("otel.traces.exporter"), (Boolean enabled) -> enabled ? null : "none");
    move(inputs, notes, written, "otel.service_name", List.of("service.name"), value -> value);
    move(inputs, notes, written, "otel.endpoint", List.of("otel.otlp.endpoint"), value -> value);
    Object exporter = otel.get("exporter");
    if (exporter != null && !(exporter instanceof Map)) {
      String name = String.valueOf(exporter).trim().toLowerCase(Locale.ROOT);
      // One exporter name for both signals; a name only one signal knows applies to that one.
      List<String> targets = switch (name) {
        case "prometheus" -> List.of("otel.metrics.exporter");
        case "zipkin" -> List.of("otel.traces.exporter");
        default -> List.of("otel.traces.exporter", "otel.metrics.exporter");
      };
      move(inputs, notes, written, "otel.exporter", targets, value -> value);
    }
    return notes;
  }

  private interface Mapping<T> {
    Object apply(T value);
  }

  @SuppressWarnings("unchecked")
  private static <T> void move(ConfigInputs inputs, List<String> notes, Set<String> byShorthand, String shorthand,
      List<String> canonical, Mapping<T> mapping) {
    Map<String, Object> otel = (Map<String, Object>) inputs.tree.get("otel");
    String key = shorthand.substring("otel.".length());
    if (!otel.containsKey(key)) {
      return;
    }
    Object raw = otel.remove(key);
    String source = inputs.sourceOf(shorthand);
    if (raw == null || String.valueOf(raw).isBlank()) {
      notes.add(shorthand + " is empty: " + String.join(" and ", canonical) + " keep their defaults");
      return;
    }
    Object value;
    if (shorthand.endsWith("_enabled")) {
      String text = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
      if (!text.equals("true") && !text.equals("false")) {
        inputs.problem(new ConfigProblem(shorthand, String.valueOf(raw), "expected true or false", source));
        return;
      }
      value = ((Mapping<Boolean>) mapping).apply(Boolean.parseBoolean(text));
      if (value == null) {
        notes.add(shorthand + ": true is the default; canonical key " + String.join(", ", canonical));
        return;
      }
    } else {
      value = ((Mapping<Object>) mapping).apply(raw);
    }
    List<String> written = new ArrayList<>();
    for (String target : canonical) {
      if (byShorthand.contains(target)) {
        continue;
      }
      if (inputs.node(target) != null) {
        notes.add(shorthand + " is ignored for " + target + ", which is set too (" + inputs.sourceOf(target) + ")");
        continue;
      }
      inputs.put(target, value, source);
      written.add(target);
      byShorthand.add(target);
    }
    if (!written.isEmpty()) {
      notes.add(shorthand + " (" + source + ") is read as " + String.join(" and ", written)
          + "; write the canonical key" + (written.size() > 1 ? "s" : "") + " instead");
    }
  }
}
