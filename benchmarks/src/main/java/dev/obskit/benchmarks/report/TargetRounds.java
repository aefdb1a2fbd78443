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
 * <p>Usage: {@code java -cp benchmarks.jar dev.obskit.benchmarks.report.TargetRounds --json
 * OUT.json --md OUT.md [--rounds N] [--iterations N] [--only REGEX] [--note TEXT]...}: {@code
 * --iterations} overrides the measurement iterations per fork (warm-up stays as the benchmark
 * class says); {@code --only} keeps the pairs whose label matches; every {@code --note} becomes a
 * line under the heading. Any other argument is an error.
 */
public final class TargetRounds {
  private static final String PACKAGE = "dev.obskit.benchmarks.";
  /** The exit status when a fork failed and only the rounds before it were written. */
  static final int STOPPED_EARLY = 3;

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
      if (target.noExtraBytes()) {
        double extra = extraBytes();
        if (Double.isNaN(extra)) {
          return "unknown (the target counts bytes, and no allocation was measured)";
        }
        if (extra >= 1.0) {
          return "missed (allocates)";
        }
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

  /** A ratio to three decimals: two would show 1.1516 and 1.1461 both as 1.15 next to a 1.15 target. */
  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
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

  /** The command line: every argument is a flag with a value; anything else is an error. */
  record Settings(int rounds, int iterations, Pattern only, Path json, Path markdown, List<String> notes) {
    static final String USAGE = "usage: TargetRounds --json OUT.json --md OUT.md [--rounds N] [--iterations N]"
        + " [--only REGEX] [--note TEXT]...";

    /** Parses {@code args}; throws IllegalArgumentException with the reason and the usage. */
    static Settings parse(String... args) {
      int rounds = 4;
      int iterations = 0;
      Pattern only = null;
      Path json = null;
      Path markdown = null;
      List<String> notes = new ArrayList<>();
      for (int i = 0; i < args.length; i += 2) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
        }
        String value = args[i + 1];
        switch (flag) {
          case "--rounds" -> rounds = positive(flag, value);
          case "--iterations" -> iterations = positive(flag, value);
          case "--only" -> only = Pattern.compile(value);
          case "--json" -> json = Path.of(value);
          case "--md" -> markdown = Path.of(value);
          case "--note" -> notes.add(value);
          default -> throw new IllegalArgumentException("unknown argument '" + flag + "'; " + USAGE);
        }
      }
      if (json == null || markdown == null) {
        throw new IllegalArgumentException("--json and --md are required; " + USAGE);
      }
      return new Settings(rounds, iterations, only, json, markdown, List.copyOf(notes));
    }

    private static int positive(String flag, String value) {
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " takes a whole number, got '" + value + "'; " + USAGE);
      }
      if (n < 1) {
        throw new IllegalArgumentException(flag + " must be at least 1, got " + n + "; " + USAGE);
      }
      return n;
    }
  }

  /**
   * Runs the rounds, writes the JSON and the markdown, prints the markdown. A fork that fails
   * stops the run: the rounds completed so far are still written, with a note saying where and
   * why it stopped, and the exit status is {@value #STOPPED_EARLY}. Bad arguments exit with 2.
   */
  public static void main(String[] args) throws IOException {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    TargetRounds run = new TargetRounds(targetPairs(settings.only()), settings.rounds());
    if (run.pairs.isEmpty()) {
      System.err.println("no target pair's label matches " + settings.only());
      System.exit(2);
    }
    List<String> notes = new ArrayList<>(settings.notes());
    String stopped = run.measure(settings.iterations());
    if (stopped != null) {
      notes.add("STOPPED EARLY: " + stopped);
    }
    run.writeJson(settings.json());
    String markdown = run.render(notes);
    Files.writeString(settings.markdown(), markdown, StandardCharsets.UTF_8);
    System.out.print(markdown);
    if (stopped != null) {
      System.err.println("obskit benchmarks: " + stopped);
      System.exit(STOPPED_EARLY);
    }
  }

  /**
   * Runs the rounds; returns null, or why it stopped early. Every pair runs both of its sides in
   * every round, even a side another pair shares (the raw side of the two recordMetric pairs),
   * so that each pair's two forks always run back to back in the order of the round.
   */
  private String measure(int iterations) {
    for (int round = 1; round <= rounds; round++) {
      boolean facadeFirst = round % 2 == 1;
      for (Pair p : pairs) {
        String first = facadeFirst ? p.target.facade() : p.target.raw();
        String second = facadeFirst ? p.target.raw() : p.target.facade();
        Sample a;
        Sample b;
        try {
          a = runFork(first, iterations, round);
          b = runFork(second, iterations, round);
        } catch (RunnerException | RuntimeException e) {
          return "round " + round + ", pair '" + p.target.label() + "': " + e;
        }
        p.facade.add(facadeFirst ? a : b);
        p.raw.add(facadeFirst ? b : a);
      }
    }
    return null;
  }

  /** One fork of one benchmark, warm-up as its class says; printed as one progress line. */
  private Sample runFork(String name, int iterations, int round) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(PACKAGE + name) + "$")
        .forks(1)
        .addProfiler(GCProfiler.class)
        .addProfiler(WorkerThreadProfiler.class)
        // A failing benchmark throws here instead of being skipped without a trace.
        .shouldFailOnError(true)
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
    Sample sample = new Sample(cpu, wall, bytes);
    System.out.printf(Locale.ROOT, "round %d/%d  %-45s %10s ns/op CPU  %8s B/op%n", round, rounds, name,
        MarkdownReport.fmt(sample.cpu()), MarkdownReport.fmt(sample.bytes()));
    return sample;
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
        + " per-round ratios; a round counts as above the target when its ratio is greater than the"
        + " target (ratios shown to three decimals, so that the side of the target is visible).\n\n");
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
        perRound.append(perRound.length() == 0 ? "" : ", ").append(ratio(x));
      }
      double extra = p.extraBytes();
      md.append("| ").append(p.target.label())
          .append(" | ").append(MarkdownReport.fmt(median(p.facade, Sample::cpu)))
          .append(" | ").append(MarkdownReport.fmt(median(p.raw, Sample::cpu)))
          .append(" | ").append(perRound)
          .append(" | ").append(ratio(median(r))).append('x')
          .append(" | ").append(MarkdownReport.fmt(extra))
          .append(" | <= ").append(MarkdownReport.fmt(p.target.maxRatio())).append('x')
          .append(p.target.noExtraBytes() ? ", +0 B/op" : "")
          .append(" | ").append(p.verdict()).append(" |\n");
    }
    return md.toString();
  }
}
