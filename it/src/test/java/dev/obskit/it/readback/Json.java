package dev.obskit.it.readback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** JSON parsing for what the peers answer. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses {@code text}; fails the test with the text when it is not JSON. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + abbreviate(text), e);
    }
  }

  /** Every (field name, value) pair at any depth of {@code node} for which {@code match} holds. */
  public static List<Map.Entry<String, JsonNode>> findFields(JsonNode node, BiPredicate<String, JsonNode> match) {
    List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
    collect(node, match, found);
    return found;
  }

  private static void collect(JsonNode node, BiPredicate<String, JsonNode> match, List<Map.Entry<String, JsonNode>> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (match.test(e.getKey(), e.getValue())) {
          out.add(Map.entry(e.getKey(), e.getValue()));
        }
        collect(e.getValue(), match, out);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, match, out));
    }
  }

  /** {@code text} cut to a length that fits in a failure message. */
  public static String abbreviate(String text) {
    return text.length() <= 3000 ? text : text.substring(0, 3000) + "...(" + text.length() + " chars)";
  }
}
