package dev.obskit.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.Reader;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.NodeEvent;
import dev.obskit.core.ConfigProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML into nested maps and lists with Jackson's streaming parser, so that every path gets
 * its line number cheaply. Scalars are kept as their text (so {@code version: 1.10} stays
 * "1.10"); string scalars get {@code ${VAR}} substitution; YAML null stays null.
 */
final class YamlLoader {
  /**
   * The largest YAML source read, in characters (about bytes for configuration text). A
   * configuration is a few kilobytes; a megabyte is generated data or the wrong file, and the
   * YAML parser needs seconds for several megabytes before failing on its own limit, so larger
   * sources are reported at once without being parsed.
   */
  static final int MAX_CHARS = 1 << 20;
  private static final YAMLFactory FACTORY = new AnchorAwareFactory();
  /** The key of a YAML merge ({@code <<: *defaults}). */
  private static final String MERGE_KEY = "<<";

  private final ConfigInputs inputs;
  private final String label;
  /** Values by anchor name ({@code &name}), for aliases ({@code *name}). */
  private final Map<String, Object> anchors = new HashMap<>();

  private YamlLoader(ConfigInputs inputs, String label) {
    this.inputs = inputs;
    this.label = label;
  }

  /**
   * Parses {@code text} and merges it into the merged tree; {@code label} names the source in
   * problems ({@code file config/observability.yaml}, {@code yaml}).
   */
  static void load(ConfigInputs inputs, String text, String label) {
    new YamlLoader(inputs, label).load(text);
  }

  /** Reports a source over {@link #MAX_CHARS}; true when it must not be parsed. */
  static boolean tooLarge(ConfigInputs inputs, long size, String unit, String label) {
    if (size <= MAX_CHARS) {
      return false;
    }
    inputs.problem(new ConfigProblem("", null, "the configuration is " + size + " " + unit + ", over the limit"
        + " of " + MAX_CHARS + " bytes (1 MiB) for one YAML source; it was not read", label));
    return true;
  }

  private void load(String text) {
    if (tooLarge(inputs, text.length(), "characters", label)) {
      return;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    // Filled while parsing, so that a syntax error late in the file still lets the keys before
    // it be checked: every problem is reported in one start, not one per attempt.
    Map<String, Object> tree = new LinkedHashMap<>();
    try (JsonParser parser = FACTORY.createParser(new StringReader(text))) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return; // an empty document configures nothing
      }
      if (first != JsonToken.START_OBJECT) {
        inputs.problem(new ConfigProblem("", null, "the top level must be a mapping of keys (for"
            + " example \"routing:\"), found " + describe(first), at(parser.currentTokenLocation())));
        return;
      }
      readObject(parser, "", sources, tree);
      JsonToken next = parser.nextToken();
      if (next != null) {
        // Jackson reads a stream of documents; a second one would silently be ignored.
        inputs.problem(new ConfigProblem("", null, "a second YAML document (after \"---\") is not"
            + " supported: put every key in one document", at(parser.currentTokenLocation())));
      }
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      int newline = message == null ? -1 : message.indexOf('\n');
      inputs.problem(new ConfigProblem("", null, "malformed YAML: "
          + (newline < 0 ? message : message.substring(0, newline)), atWithColumn(e.getLocation())));
    } catch (IOException e) {
      inputs.problem(new ConfigProblem("", null, "cannot read YAML: " + e.getMessage(), label));
      return;
    }
    merge(inputs.tree, tree);
    inputs.sources.putAll(sources);
  }

  private Map<String, Object> readObject(JsonParser parser, String path,
      Map<String, String> sources, Map<String, Object> map) throws IOException {
    Set<String> merged = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String child = ConfigInputs.join(path, key);
      String where = at(parser.currentTokenLocation());
      JsonToken token = parser.nextToken();
      if (MERGE_KEY.equals(key)) {
        mergeKey(readValue(parser, token, path, sources, where), map, merged, path, where);
        continue;
      }
      if (map.containsKey(key) && !merged.remove(key)) {
        inputs.problem(new ConfigProblem(child, null, "duplicate key (also set on an earlier"
            + " line); keep one", where));
      }
      sources.put(child, where);
      if (token == JsonToken.START_OBJECT && !isAlias(parser)) {
        // Linked before it is filled (see load): a syntax error inside keeps what came before.
        Map<String, Object> nested = new LinkedHashMap<>();
        map.put(key, nested);
        anchor(parser, nested);
        readObject(parser, child, sources, nested);
      } else {
        map.put(key, readValue(parser, token, child, sources, where));
      }
    }
    return map;
  }

  /** {@code <<: *defaults} (or a list of aliases): their keys, unless the mapping sets them itself. */
  @SuppressWarnings("unchecked")
  private void mergeKey(Object value, Map<String, Object> map, Set<String> merged, String path, String where) {
    List<Object> sourcesToMerge = value instanceof List ? (List<Object>) value : List.of(value == null ? "" : value);
    for (Object source : sourcesToMerge) {
      if (!(source instanceof Map)) {
        inputs.problem(new ConfigProblem(ConfigInputs.join(path, MERGE_KEY), null, "a merge key (<<) takes an alias"
            + " of a mapping (<<: *name) or a list of them", where));
        return;
      }
      ((Map<String, Object>) source).forEach((k, v) -> {
        if (!map.containsKey(k)) {
          map.put(k, copy(v));
          merged.add(k);
        }
      });
    }
  }

  private Object readValue(JsonParser parser, JsonToken token, String path,
      Map<String, String> sources, String where) throws IOException {
    if (isAlias(parser)) {
      String name = parser.getText();
      if (!anchors.containsKey(name)) {
        inputs.problem(new ConfigProblem(path, "*" + name, "unknown alias: no anchor &" + name
            + " earlier in the document", where));
        return null;
      }
      return copy(anchors.get(name));
    }
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        anchor(parser, map);
        return readObject(parser, path, sources, map);
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        anchor(parser, list);
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
        Object value = Substitution.apply(text, inputs.env, message ->
            inputs.problem(new ConfigProblem(path, text, message, where)));
        anchor(parser, value);
        return value;
      }
      default: {
        String text = parser.getText();
        anchor(parser, text);
        return text;
      }
    }
  }

  private static boolean isAlias(JsonParser parser) {
    return parser instanceof YAMLParser && ((YAMLParser) parser).isCurrentAlias();
  }

  /** Remembers {@code value} under the anchor of the current node ({@code &name}), if any. */
  private void anchor(JsonParser parser, Object value) throws IOException {
    Object id = parser instanceof AnchorAwareParser ? ((AnchorAwareParser) parser).anchor() : parser.getObjectId();
    if (id != null) {
      anchors.put(id.toString(), value);
    }
  }

  /** A deep copy: an alias must not share (and later merges must not edit) the anchored value. */
  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) value).forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<Object>) value).forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
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

  /** Creates {@link AnchorAwareParser}s. */
  private static final class AnchorAwareFactory extends YAMLFactory {
    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new AnchorAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }
  }

  /**
   * Jackson's YAML parser reports the anchor ({@code &name}) of mappings and lists but not of
   * scalars ({@code errors: &b console}); the underlying event has it for every node.
   */
  private static final class AnchorAwareParser extends YAMLParser {
    AnchorAwareParser(IOContext ctxt, int parserFeatures, int yamlFeatures, LoaderOptions options,
        ObjectCodec codec, Reader reader) {
      super(ctxt, parserFeatures, yamlFeatures, options, codec, reader);
    }

    /** The anchor of the node of the current token, or null. */
    String anchor() throws IOException {
      if (_lastEvent instanceof NodeEvent) {
        String a = ((NodeEvent) _lastEvent).getAnchor();
        if (a != null) {
          return a;
        }
      }
      return getObjectId() == null ? null : getObjectId().toString();
    }
  }

  private static String describe(JsonToken token) {
    return token == JsonToken.START_ARRAY ? "a list" : "a single value";
  }
}
