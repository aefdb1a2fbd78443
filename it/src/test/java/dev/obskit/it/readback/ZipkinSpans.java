package dev.obskit.it.readback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Zipkin v2 JSON ({@code GET /api/v2/trace/{id}}) into {@link ObservedSpan}s. */
public final class ZipkinSpans {
  private ZipkinSpans() {}

  /** The spans of a trace JSON array. */
  public static List<ObservedSpan> parse(String traceJson) {
    List<ObservedSpan> spans = new ArrayList<>();
    for (JsonNode s : Json.parse(traceJson)) {
      Map<String, String> tags = new LinkedHashMap<>();
      s.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
      List<String> events = new ArrayList<>();
      s.path("annotations").forEach(a -> events.add(a.path("value").asText()));
      // The OpenTelemetry Zipkin exporter writes status ERROR as otel.status_code=ERROR plus an
      // "error" tag holding the description.
      boolean error = "ERROR".equals(tags.get("otel.status_code")) || tags.containsKey("error");
      String parent = s.hasNonNull("parentId") ? s.get("parentId").asText() : null;
      spans.add(new ObservedSpan(s.path("traceId").asText(), s.path("id").asText(), parent,
          s.path("name").asText(), s.path("kind").asText("INTERNAL"),
          s.path("localEndpoint").path("serviceName").asText(""), tags, events, error,
          tags.getOrDefault("error", "")));
    }
    return spans;
  }
}
