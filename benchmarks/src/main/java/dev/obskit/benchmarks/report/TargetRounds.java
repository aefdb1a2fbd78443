package dev.obskit.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.obskit.benchmarks.profile.WorkerThreadProfiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The verdict on every target pair from rounds of interleaved forks: each round runs one fork of
 * the facade benchmark and one of its raw counterpart back to back, alternating which goes first
 * (facade first in odd rounds, raw first in even ones), and takes the ratio of the two. The
 * verdict is the median of those per-round ratios.
 *
 * <p>Why not one JMH run with more forks: JMH runs every fork of one benchmark before the next
 * benchmark, so a slow phase of this shared machine (another tenant, a page-reclaim pass) lands on
 * one side of a pair only and shows up as a ratio. Within a round the two sides run seconds apart,
 * and a slow phase that hits one round moves one ratio, not the median.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.obskit.benchmarks.report.TargetRounds [--rounds N]
 * [--iterations N] [--only REGEX] out.json out.md [note ...]}: {@code --iterations} overrides the
 * measurement iterations per fork (warm-up stays as the benchmark class says); {@code --only}
 * keeps the pairs whose label matches.
 */
public final class TargetRounds {
  private static final String PACKAGE = "dev.obskit.benchmarks.";

  private final List<Pair> pairs;
  private final int rounds;

  TargetRounds(List<Pair> pairs, int rounds) {
    this.pairs = pairs;
    this.rounds = rounds;
  }

  /** One fork of one benchmark: CPU and wall time per op, and bytes per op of the benchmark threads. */
  record Sample(double cpu, double wall, double bytes) {}

  /** A target pair and the samples of its two sides, one per round. */
  static final class Pair {
    final MarkdownReport.Target target;
    final List<Sample> facade = new ArrayList<>();
    final List<Sample> raw = new ArrayList<>();

    Pair(MarkdownReport.Target target) {
      this.target = target;
    }

    /** facade / raw CPU time of each complete round. */
    double[] ratios() {
      int n = Math.min(facade.size(), raw.size());
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = facade.get(i).cpu() / raw.get(i).cpu();
      }
      return r;
    }

    String verdict() {
      double[] r = ratios();
      if (r.length == 0) {
        return "not measured";
      }
      double max = target.maxRatio();
      if (target.noExtraBytes() && extraBytes() >= 1.0) {
        return "missed (allocates)";
      }
      long above = Arrays.stream(r).filter(x -> x > max).count();
      if (above == 0) {
        return "met in every round";
      }
      if (above == r.length) {
        return "missed in every round";
      }
      return (median(r) <= max ? "met" : "missed") + " (median; " + above + " of " + r.length + " rounds above)";
    }

    /** Median bytes per op of the facade minus that of the raw side. */
    double extraBytes() {
      return median(facade, Sample::bytes) - median(raw, Sample::bytes);
    }
  }

  /** The median; the mean of the two middle values for an even count. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
    return median(samples.stream().mapToDouble(value).toArray());
  }

  /** The pairs with a ratio target whose label matches {@code only} (null: all). */
  static List<Pair> targetPairs(Pattern only) {
    List<Pair> pairs = new ArrayList<>();
    for (MarkdownReport.Target t : MarkdownReport.Target.ALL) {
      if (t.raw() != null && !Double.isNaN(t.maxRatio()) && (only == null || only.matcher(t.label()).find())) {
        pairs.add(new Pair(t));
      }
    }
    return pairs;
  }

  /** Runs the rounds, writes {@code out.json} and {@code out.md}, prints the markdown. */
  public static void main(String[] args) throws IOException, RunnerException {
    int rounds = 4;
    int iterations = -1;
    Pattern only = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--only" -> only = Pattern.compile(args[++i]);
        default -> rest.add(args[i]);
      }
    }
    if (rest.size() < 2 || rounds < 1) {
      System.err.println("usage: TargetRounds [--rounds N] [--iterations N] [--only REGEX] <out.json> <out.md> [note ...]");
      System.exit(2);
    }
    TargetRounds run = new TargetRounds(targetPairs(only), rounds);
    if (run.pairs.isEmpty()) {
      System.err.println("no target pair matches " + only);
      System.exit(2);
    }
    run.measure(iterations);
    run.writeJson(Path.of(rest.get(0)));
    String markdown = run.render(rest.subList(2, rest.size()));
    Files.writeString(Path.of(rest.get(1)), markdown, StandardCharsets.UTF_8);
    System.out.print(markdown);
  }

  private void measure(int iterations) throws RunnerException {
    for (int round = 1; round <= rounds; round++) {
      // A benchmark shared by two pairs (the raw side of both recordMetric pairs) runs once a round.
      Map<String, Sample> thisRound = new HashMap<>();
      for (Pair p : pairs) {
        boolean facadeFirst = round % 2 == 1;
        String first = facadeFirst ? p.target.facade() : p.target.raw();
        String second = facadeFirst ? p.target.raw() : p.target.facade();
        for (String name : List.of(first, second)) {
          if (!thisRound.containsKey(name)) {
            Sample s = runFork(name, iterations);
            thisRound.put(name, s);
            System.out.printf(Locale.ROOT, "round %d/%d  %-45s %10s ns/op CPU  %8s B/op%n", round, rounds, name,
                MarkdownReport.fmt(s.cpu()), MarkdownReport.fmt(s.bytes()));
          }
        }
        p.facade.add(thisRound.get(p.target.facade()));
        p.raw.add(thisRound.get(p.target.raw()));
      }
    }
  }

  /** One fork of one benchmark, warm-up as its class says. */
  private static Sample runFork(String name, int iterations) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(PACKAGE + name) + "$")
        .forks(1)
        .addProfiler(GCProfiler.class)
        .addProfiler(WorkerThreadProfiler.class)
        .verbosity(VerboseMode.SILENT);
    if (iterations > 0) {
      options.measurementIterations(iterations);
    }
    List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
    if (results.size() != 1) {
      throw new IllegalStateException("expected one benchmark for " + name + ", ran " + results.size());
    }
    Result<?> primary = results.get(0).getPrimaryResult();
    Map<String, Result> secondary = results.get(0).getSecondaryResults();
    double wall = primary.getScore();
    double cpu = secondary.containsKey("cpu.time.norm") ? secondary.get("cpu.time.norm").getScore() : wall;
    double bytes = secondary.containsKey("worker.alloc.norm") ? secondary.get("worker.alloc.norm").getScore()
        : secondary.containsKey("gc.alloc.rate.norm") ? secondary.get("gc.alloc.rate.norm").getScore() : Double.NaN;
    return new Sample(cpu, wall, bytes);
  }

  private void writeJson(Path out) throws IOException {
    List<Map<String, Object>> json = new ArrayList<>();
    for (Pair p : pairs) {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("label", p.target.label());
      pair.put("facade", PACKAGE + p.target.facade());
      pair.put("raw", PACKAGE + p.target.raw());
      pair.put("maxRatio", p.target.maxRatio());
      pair.put("facadeSamples", p.facade);
      pair.put("rawSamples", p.raw);
      pair.put("ratios", p.ratios());
      pair.put("verdict", p.verdict());
      json.add(pair);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
  }

  String render(List<String> notes) {
    StringBuilder md = new StringBuilder("## Target pairs, " + rounds + " interleaved rounds\n\n");
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    md.append("\nEach round runs one fork of each side back to back (facade first in odd rounds, raw first"
        + " in even ones); CPU ns/op of the benchmark threads. The verdict is the median of the"
        + " per-round ratios.\n\n");
    md.append("| pair | facade CPU ns/op (median) | raw CPU ns/op (median) | ratio per round | median ratio | extra B/op (median) | target | verdict |\n");
    md.append("|---|---:|---:|---|---:|---:|---|---|\n");
    for (Pair p : pairs) {
      double[] r = p.ratios();
      if (r.length == 0) {
        md.append("| ").append(p.target.label()).append(" | not measured | | | | | | |\n");
        continue;
      }
      StringBuilder perRound = new StringBuilder();
      for (double x : r) {
        perRound.append(perRound.length() == 0 ? "" : ", ").append(MarkdownReport.fmt(x));
      }
      double extra = p.extraBytes();
      md.append("| ").append(p.target.label())
          .append(" | ").append(MarkdownReport.fmt(median(p.facade, Sample::cpu)))
          .append(" | ").append(MarkdownReport.fmt(median(p.raw, Sample::cpu)))
          .append(" | ").append(perRound)
          .append(" | ").append(MarkdownReport.fmt(median(r))).append('x')
          .append(" | ").append(MarkdownReport.fmt(extra))
          .append(" | <= ").append(MarkdownReport.fmt(p.target.maxRatio())).append('x')
          .append(p.target.noExtraBytes() ? ", +0 B/op" : "")
          .append(" | ").append(p.verdict()).append(" |\n");
    }
    return md.toString();
  }
}
