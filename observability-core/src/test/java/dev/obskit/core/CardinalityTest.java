package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import dev.obskit.core.fakes.TestSdk;
import dev.obskit.core.internal.metrics.CardinalityBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CardinalityTest {

  @Test
  void measurementsBeyondTheBudgetAreDroppedCountedAndNamed() {
    FakeProvider fake = new FakeProvider("fake");
    try (LogCapture logs = new LogCapture();
        Observability obs = TestSdk.routedTo(fake).set("limits.max_cardinality", 3).build()) {
      Counter c = obs.counter("requests");
      for (int i = 0; i < 5; i++) {
        c.add(1, Labels.of("user", "u" + i));
      }
      // Already admitted label sets keep working, even as equal-but-new instances.
      c.add(1, Labels.of("user", "u0"));
      obs.recordMetric("other", 1, Labels.of("a", "1"), MetricType.COUNTER);

      assertThat(fake.backend().measurements).extracting(m -> m.labels.get("user") + "")
          .containsExactly("u0", "u1", "u2", "u0", "null");
      assertThat(obs.selfMetrics().get("dropped.cardinality_overflow")).isEqualTo(2);
      assertThat(obs.selfMetrics().get("cardinality_overflow.requests")).isEqualTo(2);
      assertThat(obs.selfMetrics().get("cardinality_overflow.other")).isZero();
      assertThat(logs.warnings()).filteredOn(w -> w.contains("'requests'") && w.contains("cardinality")).hasSize(1);
    }
  }

  @Test
  void budgetHoldsUnderConcurrency() throws Exception {
    CardinalityBudget budget = new CardinalityBudget(50);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int admitted = 0;
          for (int i = 0; i < 200; i++) {
            if (budget.admit(Labels.of("k", "v" + i))) {
              admitted++;
            }
          }
          return admitted;
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(50);
      }
      assertThat(budget.size()).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
