package dev.obskit.it.readback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON of a Prometheus instant query ({@code /api/v1/query}) into samples. */
public final class PromSamples {
  private PromSamples() {}

  /** One series of an instant vector: its labels (including {@code __name__}) and value. */
  public record Sample(Map<String, String> labels, double value) {
    /** The metric name. */
    public String name() {
      return labels.get("__name__");
    }
  }

  /** The samples of a {@code resultType: vector} answer. */
  public static List<Sample> parse(String queryJson) {
    JsonNode root = Json.parse(queryJson);
    if (!"success".equals(root.path("status").asText()) || !"vector".equals(root.path("data").path("resultType").asText())) {
      throw new IllegalArgumentException("not a successful instant vector: " + Json.abbreviate(queryJson));
    }
    List<Sample> out = new ArrayList<>();
    for (JsonNode r : root.path("data").path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      r.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      out.add(new Sample(labels, Double.parseDouble(r.path("value").get(1).asText())));
    }
    return out;
  }

  /** A bucket's {@code le} label as a number ({@code +Inf} is positive infinity). */
  public static double parseLe(String le) {
    return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }
}
