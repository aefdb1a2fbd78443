package dev.obskit.it.readback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads OTLP/JSON, one export request per line, as the Collector's {@code file} exporter writes
 * it: {@code {"resourceSpans":[...]}} and {@code {"resourceMetrics":[...]}} lines. In OTLP/JSON
 * trace and span ids are lowercase hex and enums are integers.
 */
public final class OtlpJson {
  private static final String[] KINDS = {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
  private static final int STATUS_ERROR = 2;

  private OtlpJson() {}

  /** One metric data point. */
  public record Point(String metric, String unit, String type, Map<String, String> attributes, double value,
      long count, double sum, List<Double> bounds, List<Long> bucketCounts) {}

  /** Every span in every line of {@code jsonLines}. */
  public static List<ObservedSpan> spans(String jsonLines) {
    List<ObservedSpan> spans = new ArrayList<>();
    for (JsonNode line : lines(jsonLines)) {
      for (JsonNode rs : line.path("resourceSpans")) {
        String service = attributes(rs.path("resource").path("attributes")).getOrDefault("service.name", "");
        for (JsonNode ss : rs.path("scopeSpans")) {
          for (JsonNode s : ss.path("spans")) {
            List<String> events = new ArrayList<>();
            s.path("events").forEach(e -> events.add(e.path("name").asText()));
            int kind = s.path("kind").asInt(0);
            String parent = s.path("parentSpanId").asText("");
            spans.add(new ObservedSpan(s.path("traceId").asText(), s.path("spanId").asText(),
                parent.isEmpty() ? null : parent, s.path("name").asText(),
                kind >= 0 && kind < KINDS.length ? KINDS[kind] : "UNSPECIFIED", service,
                attributes(s.path("attributes")), events, s.path("status").path("code").asInt(0) == STATUS_ERROR,
                s.path("status").path("message").asText("")));
          }
        }
      }
    }
    return spans;
  }

  /** Every data point of every metric in every line of {@code jsonLines}. */
  public static List<Point> points(String jsonLines) {
    List<Point> points = new ArrayList<>();
    for (JsonNode line : lines(jsonLines)) {
      for (JsonNode rm : line.path("resourceMetrics")) {
        for (JsonNode sm : rm.path("scopeMetrics")) {
          for (JsonNode m : sm.path("metrics")) {
            for (String type : List.of("sum", "gauge", "histogram")) {
              for (JsonNode p : m.path(type).path("dataPoints")) {
                double value = p.has("asDouble") ? p.get("asDouble").asDouble() : p.path("asInt").asDouble();
                List<Double> bounds = new ArrayList<>();
                p.path("explicitBounds").forEach(b -> bounds.add(b.asDouble()));
                List<Long> counts = new ArrayList<>();
                p.path("bucketCounts").forEach(c -> counts.add(c.asLong()));
                points.add(new Point(m.path("name").asText(), m.path("unit").asText(""), type,
                    attributes(p.path("attributes")), value, p.path("count").asLong(0),
                    p.path("sum").asDouble(0), bounds, counts));
              }
            }
          }
        }
      }
    }
    return points;
  }

  private static List<JsonNode> lines(String jsonLines) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.parse(line));
      }
    }
    return out;
  }

  /** OTLP {@code [{key, value: {stringValue|intValue|doubleValue|boolValue}}]} as strings. */
  private static Map<String, String> attributes(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode kv : list) {
      JsonNode v = kv.path("value");
      String text = v.has("stringValue") ? v.get("stringValue").asText()
          : v.has("intValue") ? v.get("intValue").asText()
          : v.has("doubleValue") ? v.get("doubleValue").asText()
          : v.has("boolValue") ? v.get("boolValue").asText()
          : v.toString();
      out.put(kv.path("key").asText(), text);
    }
    return out;
  }
}
