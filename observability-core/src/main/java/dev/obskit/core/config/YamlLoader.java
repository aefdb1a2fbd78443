package dev.obskit.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.obskit.core.ConfigProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into nested maps and lists with Jackson's streaming parser, so that every path gets
 * its line number cheaply. Scalars are kept as their text (so {@code version: 1.10} stays
 * "1.10"); string scalars get {@code ${VAR}} substitution; YAML null stays null.
 */
final class YamlLoader {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final ConfigState state;
  private final String label;

  private YamlLoader(ConfigState state, String label) {
    this.state = state;
    this.label = label;
  }

  /**
   * Parses {@code text} and merges it into the state's tree; {@code label} names the source in
   * problems ({@code file config/observability.yaml}, {@code yaml}).
   */
  static void load(ConfigState state, String text, String label) {
    new YamlLoader(state, label).load(text);
  }

  private void load(String text) {
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, Object> tree;
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return; // an empty document configures nothing
      }
      if (first != JsonToken.START_OBJECT) {
        state.problem(new ConfigProblem("", null, "the top level must be a mapping of keys (for"
            + " example \"routing:\"), found " + describe(first), at(parser.currentTokenLocation())));
        return;
      }
      tree = readObject(parser, "", sources);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      int newline = message == null ? -1 : message.indexOf('\n');
      state.problem(new ConfigProblem("", null, "malformed YAML: "
          + (newline < 0 ? message : message.substring(0, newline)), atWithColumn(e.getLocation())));
      return;
    } catch (IOException e) {
      state.problem(new ConfigProblem("", null, "cannot read YAML: " + e.getMessage(), label));
      return;
    }
    merge(state.root, tree);
    state.sources.putAll(sources);
  }

  private Map<String, Object> readObject(JsonParser parser, String path,
      Map<String, String> sources) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String child = ConfigState.join(path, key);
      String where = at(parser.currentTokenLocation());
      if (map.containsKey(key)) {
        state.problem(new ConfigProblem(child, null, "duplicate key (also set on an earlier"
            + " line); keep one", where));
      }
      JsonToken token = parser.nextToken();
      sources.put(child, where);
      map.put(key, readValue(parser, token, child, sources, where));
    }
    return map;
  }

  private Object readValue(JsonParser parser, JsonToken token, String path,
      Map<String, String> sources, String where) throws IOException {
    switch (token) {
      case START_OBJECT:
        return readObject(parser, path, sources);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readValue(parser, item, path, sources, where));
        }
        return list;
      }
      case VALUE_NULL:
        return null;
      case VALUE_STRING: {
        String text = parser.getText();
        return Substitution.apply(text, state.env, message ->
            state.problem(new ConfigProblem(path, text, message, where)));
      }
      default:
        return parser.getText();
    }
  }

  /** Deep merge: maps merge key by key, anything else replaces. */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> target, Map<String, Object> overlay) {
    overlay.forEach((key, value) -> {
      Object existing = target.get(key);
      if (existing instanceof Map && value instanceof Map) {
        merge((Map<String, Object>) existing, (Map<String, Object>) value);
      } else {
        target.put(key, value);
      }
    });
  }

  private String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? label
        : label + ":" + location.getLineNr();
  }

  private String atWithColumn(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? label
        : label + ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  private static String describe(JsonToken token) {
    return token == JsonToken.START_ARRAY ? "a list" : "a single value";
  }
}
