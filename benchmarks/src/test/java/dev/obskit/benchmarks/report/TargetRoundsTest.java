package dev.obskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

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
        .contains("| span | 110 | 100 | 1.10, 1.30, 1.05 | 1.10x | 0.00 | <= 1.15x | met (median; 1 of 3 rounds above) |");
  }
}
