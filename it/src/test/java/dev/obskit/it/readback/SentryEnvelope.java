package dev.obskit.it.readback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Sentry envelope as Spotlight's {@code /stream} delivers it: one JSON array
 * {@code [envelopeHeader, [[itemHeader, payload], ...]]} (see it/peers/README.md).
 *
 * @param header the envelope header ({@code event_id}, {@code trace}, ...)
 * @param items  the items in order
 * @param raw    the JSON text it was parsed from
 */
public record SentryEnvelope(JsonNode header, List<Item> items, String raw) {

  /** One item: its header ({@code type}, ...) and its parsed payload. */
  public record Item(JsonNode header, JsonNode payload) {
    /** The item type ({@code event}, {@code transaction}, ...). */
    public String type() {
      return header.path("type").asText();
    }
  }

  /** Parses Spotlight's JSON form of an envelope. */
  public static SentryEnvelope parse(String json) {
    JsonNode root = Json.parse(json);
    List<Item> items = new ArrayList<>();
    for (JsonNode pair : root.path(1)) {
      items.add(new Item(pair.path(0), pair.path(1)));
    }
    return new SentryEnvelope(root.path(0), items, json);
  }

  /** The payload of the first item of {@code type}. */
  public Optional<JsonNode> first(String type) {
    return items.stream().filter(i -> type.equals(i.type())).map(Item::payload).findFirst();
  }

  /** Whether the envelope holds an item of {@code type}. */
  public boolean has(String type) {
    return first(type).isPresent();
  }
}
