package dev.obskit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a JMH JSON result file (run with {@code -prof gc}) as markdown: every measured row,
 * then each facade/raw pair with its ratio, its extra allocation and whether the target is met.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.obskit.benchmarks.report.MarkdownReport
 * results.json results.md [note ...]}; the notes (machine load, date) become a list under the
 * heading. The markdown is also printed to standard output.
 */
public final class MarkdownReport {
  private static final String PACKAGE = "dev.obskit.benchmarks.";
  /** Below this many bytes per operation an allocation difference is measurement noise. */
  private static final double ZERO_BYTES = 1.0;

  private final Map<String, Row> rows;

  private MarkdownReport(Map<String, Row> rows) {
    this.rows = rows;
  }

  /** Reads {@code args[0]}, writes {@code args[1]}, prints the markdown. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: MarkdownReport <jmh-result.json> <out.md> [note ...]");
      System.exit(2);
    }
    MarkdownReport report = read(Path.of(args[0]));
    List<String> notes = List.of(args).subList(2, args.length);
    String markdown = report.render(notes);
    Files.writeString(Path.of(args[1]), markdown, StandardCharsets.UTF_8);
    System.out.print(markdown);
  }

  static MarkdownReport read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    Map<String, Row> rows = new LinkedHashMap<>();
    for (JsonNode bench : root) {
      String name = bench.get("benchmark").asText();
      if (name.startsWith(PACKAGE)) {
        name = name.substring(PACKAGE.length());
      }
      JsonNode primary = bench.get("primaryMetric");
      double bytes = Double.NaN;
      double cpu = Double.NaN;
      double cpuError = Double.NaN;
      double workerBytes = Double.NaN;
      JsonNode secondary = bench.get("secondaryMetrics");
      if (secondary != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().endsWith("gc.alloc.rate.norm")) {
            bytes = e.getValue().get("score").asDouble();
          } else if (e.getKey().endsWith("worker.alloc.norm")) {
            workerBytes = e.getValue().get("score").asDouble();
          } else if (e.getKey().endsWith("cpu.time.norm")) {
            cpu = e.getValue().get("score").asDouble();
            cpuError = errorOf(e.getValue());
          }
        }
      }
      rows.put(name, new Row(name, bench.get("threads").asInt(), new Measure(primary.get("score").asDouble(),
          errorOf(primary)), primary.get("scoreUnit").asText(), new Measure(cpu, cpuError), bytes, workerBytes));
    }
    return new MarkdownReport(rows);
  }

  private static double errorOf(JsonNode metric) {
    double error = metric.get("scoreError").asDouble(Double.NaN);
    return Double.isNaN(error) ? 0 : error;
  }

  String render(List<String> notes) {
    StringBuilder md = new StringBuilder();
    md.append("## Facade vs raw SDKs (one JMH run)\n\n");
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    if (!notes.isEmpty()) {
      md.append('\n');
    }
    md.append("| benchmark | threads | time/op ± error | CPU time/op ± error | B/op (benchmark thread) | B/op (all threads) |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (Row r : rows.values()) {
      md.append("| ").append(r.name).append(" | ").append(r.threads)
          .append(" | ").append(r.wall).append(' ').append(r.unit)
          .append(" | ").append(r.cpu.isKnown() ? r.cpu + " ns/op" : "n/a")
          .append(" | ").append(fmt(r.workerBytes)).append(" | ").append(fmt(r.bytes)).append(" |\n");
    }
    md.append("\n### Targets (ratio = facade / raw, same run)\n\n");
    md.append("Verdicts use what the benchmark threads spend per operation, CPU time and allocated"
        + " bytes, when measured (see docs/performance.md: on a shared machine wall-clock time also"
        + " counts waiting for a core, and -prof gc also counts the SDKs' background threads); the"
        + " wall-clock ratio is shown beside it.\n\n");
    md.append("| pair | facade CPU ns/op | raw CPU ns/op | CPU ratio (range) | wall ratio | extra B/op | target | verdict |\n");
    md.append("|---|---:|---:|---:|---:|---:|---|---|\n");
    for (Target t : Target.ALL) {
      md.append(t.render(rows)).append('\n');
    }
    md.append("\nRange: the ratio the JMH 99.9% error bars allow. \"inconclusive\": the target lies"
        + " inside that range; re-run with more iterations before drawing a conclusion.\n");
    return md.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A score with its JMH error (99.9% half-width); NaN when not measured. */
  record Measure(double score, double error) {
    boolean isKnown() {
      return !Double.isNaN(score);
    }

    double low() {
      return Math.max(0, score - error);
    }

    double high() {
      return score + error;
    }

    @Override
    public String toString() {
      return fmt(score) + " ± " + fmt(error);
    }
  }

  /** One measured benchmark. */
  record Row(String name, int threads, Measure wall, String unit, Measure cpu, double bytes, double workerBytes) {
    /** CPU time when measured, else wall-clock time. */
    Measure best() {
      return cpu.isKnown() ? cpu : wall;
    }

    /** Bytes per op on the benchmark threads when measured, else on all threads. */
    double threadBytes() {
      return Double.isNaN(workerBytes) ? bytes : workerBytes;
    }
  }

  /** A facade benchmark compared with a raw one, or checked against absolute limits. */
  record Target(String label, String facade, String raw, double maxRatio, double maxNanos, boolean noExtraBytes) {
    static final List<Target> ALL = new ArrayList<>();

    static {
      ratio("counter add, bound handle", "CounterBenchmark.facade", "CounterBenchmark.otel", 1.2, true);
      ratio("counter add vs raw OTel, Attributes in a field (info)", "CounterBenchmark.facade", "CounterBenchmark.otelAttributesInField", Double.NaN, true);
      ratio("counter add vs raw OTel DoubleCounter (info)", "CounterBenchmark.facade", "CounterBenchmark.otelDouble", Double.NaN, true);
      ratio("counter add vs Micrometer (info)", "CounterBenchmark.facade", "CounterBenchmark.micrometer", Double.NaN, false);
      ratio("counter add in a sampled span (info)", "CounterInSpanBenchmark.facade", "CounterInSpanBenchmark.otel", Double.NaN, true);
      ratio("recordMetric, fresh labels", "StringApiBenchmark.facadeFreshLabels", "StringApiBenchmark.otelFreshAttributes", 2.0, false);
      ratio("recordMetric, prebuilt labels", "StringApiBenchmark.facadePrebuiltLabels", "StringApiBenchmark.otelFreshAttributes", 2.0, false);
      ratio("recordMetric vs Micrometer look-up (info)", "StringApiBenchmark.facadeFreshLabels", "StringApiBenchmark.micrometerLookup", Double.NaN, false);
      ratio("histogram record", "HistogramBenchmark.facade", "HistogramBenchmark.otel", 1.2, true);
      ratio("histogram vs raw OTel, Attributes in a field (info)", "HistogramBenchmark.facade", "HistogramBenchmark.otelAttributesInField", Double.NaN, true);
      ratio("span start+end, 2 attributes (otel)", "SpanBenchmark.facadeOtel", "SpanBenchmark.otel", 1.15, false);
      ratio("span start+end, 2 attributes (both)", "SpanBenchmark.facadeBoth", "SpanBenchmark.otelWithSentryMirror", 1.15, false);
      ratio("span start+end, no attributes (info)", "SpanPartsBenchmark.facadeStartEnd", "SpanPartsBenchmark.otelStartEnd", Double.NaN, false);
      ratio("2 attributes on an open span (info)", "SpanPartsBenchmark.facadeAttributes", "SpanPartsBenchmark.otelAttributes", Double.NaN, false);
      ratio("captureError inside a span", "CaptureErrorBenchmark.facade", "CaptureErrorBenchmark.sentry", 1.2, false);
      ratio("captureError vs isolation-scope recipe (info)", "CaptureErrorBenchmark.facade", "CaptureErrorBenchmark.sentryIsolationScope", Double.NaN, false);
      ratio("counter add, 2 threads", "ContentionBenchmark.facade", "ContentionBenchmark.otel", 1.2, true);
      ratio("counter add, 2 threads vs raw OTel DoubleCounter (info)", "ContentionBenchmark.facade", "ContentionBenchmark.otelDouble", Double.NaN, true);
      ratio("counter add, 2 threads vs Micrometer (info)", "ContentionBenchmark.facade", "ContentionBenchmark.micrometer", Double.NaN, false);
      for (String call : List.of("counterAdd", "recordMetric", "spanStartEnd", "captureError", "recordEvent")) {
        ALL.add(new Target("disabled: " + call, "DisabledBenchmark." + call, null, Double.NaN, 3.0, true));
      }
    }

    private static void ratio(String label, String facade, String raw, double maxRatio, boolean noExtraBytes) {
      ALL.add(new Target(label, facade, raw, maxRatio, Double.NaN, noExtraBytes));
    }

    String render(Map<String, Row> rows) {
      Row f = rows.get(facade);
      Row r = raw == null ? null : rows.get(raw);
      if (f == null || (raw != null && r == null)) {
        return "| " + label + " | not measured | | | | | | |";
      }
      Measure fm = f.best();
      if (raw == null) {
        boolean bytesOk = !(f.threadBytes() >= ZERO_BYTES);
        String verdict = !bytesOk ? "missed (allocates)"
            : fm.high() <= maxNanos ? "met"
            : fm.low() > maxNanos ? "missed"
            : fm.score() <= maxNanos ? "met (inconclusive)" : "missed (inconclusive)";
        return "| " + label + " | " + fm + " | – | – | – | " + fmt(f.threadBytes()) + " B/op | <= " + fmt(maxNanos)
            + " ns/op, 0 B/op | " + verdict + " |";
      }
      Measure rm = r.best();
      double ratio = fm.score() / rm.score();
      double low = fm.low() / rm.high();
      double high = rm.low() > 0 ? fm.high() / rm.low() : Double.POSITIVE_INFINITY;
      double wallRatio = f.wall.score() / r.wall.score();
      double extra = f.threadBytes() - r.threadBytes();
      String target;
      String verdict;
      if (Double.isNaN(maxRatio)) {
        target = "info";
        verdict = "–";
      } else {
        boolean bytesOk = !noExtraBytes || !(extra >= ZERO_BYTES);
        target = "<= " + fmt(maxRatio) + "x" + (noExtraBytes ? ", +0 B/op" : "");
        if (!bytesOk) {
          verdict = "missed (allocates)";
        } else if (high <= maxRatio) {
          verdict = "met";
        } else if (low > maxRatio) {
          verdict = "missed";
        } else {
          verdict = ratio <= maxRatio ? "met (inconclusive)" : "missed (inconclusive)";
        }
      }
      return "| " + label + " | " + fm + " | " + rm + " | " + fmt(ratio) + "x (" + fmt(low) + "–"
          + (Double.isInfinite(high) ? "∞" : fmt(high)) + ") | " + fmt(wallRatio) + "x | " + fmt(extra) + " | "
          + target + " | " + verdict + " |";
    }
  }
}
