package dev.obskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.benchmarks.report.TargetRounds.Pair;
import dev.obskit.benchmarks.report.TargetRounds.Sample;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TargetRoundsTest {
  private static final MarkdownReport.Target SPAN =
      new MarkdownReport.Target("span", "SpanBenchmark.facadeOtel", "SpanBenchmark.otel", 1.15, Double.NaN, false);
  private static final MarkdownReport.Target COUNTER =
      new MarkdownReport.Target("counter", "CounterBenchmark.facade", "CounterBenchmark.otel", 1.2, Double.NaN, true);

  /** A pair whose rounds measured these facade and raw CPU times (no allocation on either side). */
  private static Pair pair(MarkdownReport.Target target, double[] facadeCpu, double[] rawCpu) {
    Pair p = new Pair(target);
    for (int i = 0; i < facadeCpu.length; i++) {
      p.facade.add(new Sample(facadeCpu[i], facadeCpu[i] + 5, 0));
    }
    for (double cpu : rawCpu) {
      p.raw.add(new Sample(cpu, cpu + 5, 0));
    }
    return p;
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(TargetRounds.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(TargetRounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(TargetRounds.median(new double[] {7})).isEqualTo(7);
  }

  @Test
  void ratiosAreTakenRoundByRoundFromCpuTime() {
    Pair p = pair(SPAN, new double[] {110, 240}, new double[] {100, 200});
    // Pooled means would give 350/300 = 1.17; each round is its own comparison.
    assertThat(p.ratios()).containsExactly(1.1, 1.2);
  }

  @Test
  void everyRoundWithinTheTargetIsMetInEveryRound() {
    assertThat(pair(SPAN, new double[] {110, 105, 114}, new double[] {100, 100, 100}).verdict())
        .isEqualTo("met in every round");
  }

  @Test
  void everyRoundAboveTheTargetIsMissedInEveryRound() {
    assertThat(pair(SPAN, new double[] {120, 130}, new double[] {100, 100}).verdict())
        .isEqualTo("missed in every round");
  }

  @Test
  void mixedRoundsAreJudgedByTheirMedianAndSayHowManyWereAbove() {
    assertThat(pair(SPAN, new double[] {110, 130, 105}, new double[] {100, 100, 100}).verdict())
        .isEqualTo("met (median; 1 of 3 rounds above)");
    assertThat(pair(SPAN, new double[] {120, 130, 105}, new double[] {100, 100, 100}).verdict())
        .isEqualTo("missed (median; 2 of 3 rounds above)");
  }

  @Test
  void aFacadeThatAllocatesWhereTheTargetSaysZeroBytesMisses() {
    Pair p = new Pair(COUNTER);
    p.facade.add(new Sample(5, 5, 24));
    p.raw.add(new Sample(10, 10, 0));
    assertThat(p.verdict()).isEqualTo("missed (allocates)");
    assertThat(p.extraBytes()).isEqualTo(24);
  }

  @Test
  void aPairWithoutRoundsIsNotMeasured() {
    assertThat(new Pair(SPAN).verdict()).isEqualTo("not measured");
  }

  @Test
  void onlyPairsWithARatioTargetTakePartAndTheFilterMatchesLabels() {
    List<Pair> all = TargetRounds.targetPairs(null);
    assertThat(all).isNotEmpty().allSatisfy(p -> {
      assertThat(p.target.raw()).isNotNull();
      assertThat(p.target.maxRatio()).isNotNaN();
    });
    assertThat(all).extracting(p -> p.target.label()).doesNotContain("counter add vs Micrometer (info)")
        .contains("span start+end, 2 attributes (otel)", "captureError inside a span");
    assertThat(TargetRounds.targetPairs(Pattern.compile("^histogram"))).extracting(p -> p.target.label())
        .containsExactly("histogram record");
  }

  @Test
  void theTableShowsEveryRoundsRatioAndTheMedian() {
    TargetRounds run = new TargetRounds(List.of(pair(SPAN, new double[] {110, 130, 105}, new double[] {100, 100, 100})), 3);
    String md = run.render(List.of("a note"));
    assertThat(md).contains("- a note")
        .contains("| span | 110 | 100 | 1.100, 1.300, 1.050 | 1.100x | 0.00 | <= 1.15x | met (median; 1 of 3 rounds above) |");
  }

  @Test
  void aRatioExactlyAtTheTargetIsWithinIt() {
    assertThat(pair(SPAN, new double[] {115, 115}, new double[] {100, 100}).verdict()).isEqualTo("met in every round");
  }

  @Test
  void theMedianNotTheMeanDecides() {
    // Mean of the ratios 1.27 (above 1.15), median 1.10: one slow round must not decide.
    assertThat(pair(SPAN, new double[] {100, 110, 110, 190}, new double[] {100, 100, 100, 100}).verdict())
        .isEqualTo("met (median; 1 of 4 rounds above)");
    // Mean 1.04, median 1.18: the other way round.
    assertThat(pair(SPAN, new double[] {60, 118, 118, 120}, new double[] {100, 100, 100, 100}).verdict())
        .isEqualTo("missed (median; 3 of 4 rounds above)");
  }

  @Test
  void threeDecimalsShowOnWhichSideOfTheTargetARatioIs() {
    TargetRounds run = new TargetRounds(List.of(pair(SPAN, new double[] {115.16, 114.61}, new double[] {100, 100})), 2);
    assertThat(run.render(List.of())).contains("| 1.152, 1.146 | 1.149x |");
  }

  @Test
  void aZeroByteTargetWithoutAnAllocationFigureIsUnknownNotMet() {
    Pair p = new Pair(COUNTER);
    p.facade.add(new Sample(5, 5, Double.NaN));
    p.raw.add(new Sample(10, 10, Double.NaN));
    assertThat(p.verdict()).startsWith("unknown");
  }

  @Test
  void argumentsAreFlagsWithValuesAndTheOutputsAreRequired() {
    TargetRounds.Settings s = TargetRounds.Settings.parse("--rounds", "4", "--iterations", "3", "--rounds", "6",
        "--only", "span", "--json", "a.json", "--md", "a.md", "--note", "one", "--note", "two");
    assertThat(s.rounds()).isEqualTo(6);
    assertThat(s.iterations()).isEqualTo(3);
    assertThat(s.only().pattern()).isEqualTo("span");
    assertThat(s.json()).hasToString("a.json");
    assertThat(s.markdown()).hasToString("a.md");
    assertThat(s.notes()).containsExactly("one", "two");
    assertThat(TargetRounds.Settings.parse("--json", "a.json", "--md", "a.md").iterations())
        .as("0: the classes' own measurement iterations").isZero();
  }

  @Test
  void aStrayOrIncompleteArgumentIsRejectedWithTheReason() {
    assertThatThrownBy(() -> TargetRounds.Settings.parse("span", "--json", "a.json", "--md", "a.md"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument 'span'");
    assertThatThrownBy(() -> TargetRounds.Settings.parse("--json", "a.json", "--md", "a.md", "--rounds"))
        .hasMessageContaining("--rounds needs a value");
    assertThatThrownBy(() -> TargetRounds.Settings.parse("--json", "a.json", "--md", "a.md", "--iterations", "0"))
        .hasMessageContaining("--iterations must be at least 1");
    assertThatThrownBy(() -> TargetRounds.Settings.parse("--json", "a.json", "--md", "a.md", "--rounds", "x"))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> TargetRounds.Settings.parse("--json", "a.json"))
        .hasMessageContaining("--json and --md are required");
  }
}
