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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void equalLabelsBuiltPerCallReachTheBackendAsTheFirstAdmittedInstance() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Labels first = Labels.of("type", "math", "tier", "free");
      obs.recordMetric("generated", 1, first, MetricType.COUNTER);
      // Equal label sets built again: they reach the backend through the series bound to the first.
      obs.recordMetric("generated", 1, Labels.of("tier", "free", "type", "math"), MetricType.COUNTER);
      obs.counter("generated").add(1, Labels.builder().put("type", "math").put("tier", "free").build());
      obs.recordMetric("generated", 1, Labels.of("type", "logic", "tier", "free"), MetricType.COUNTER);

      assertThat(fake.backend().measurements).hasSize(4);
      assertThat(fake.backend().measurements.subList(0, 3)).allSatisfy(m -> assertThat(m.labels).isSameAs(first));
      assertThat(fake.backend().measurements.get(3).labels).isNotSameAs(first)
          .isEqualTo(Labels.of("type", "logic", "tier", "free"));
    }
  }

  @Test
  void eachAdmittedLabelSetIsBoundOncePerInstrument() {
    FakeProvider fake = new FakeProvider("fake");
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      Counter generated = obs.counter("generated");
      for (int i = 0; i < 3; i++) {
        generated.add(1, Labels.of("type", "math"));
        obs.recordMetric("generated", 1, Labels.of("type", "math"), MetricType.COUNTER);
      }
      generated.add(1, Labels.of("type", "logic"));
      obs.histogram("latency").record(1, Labels.of("type", "math"));

      assertThat(fake.backend().binds)
          .containsExactly("generated {type=math}", "generated {type=logic}", "latency {type=math}");
      assertThat(fake.backend().measurements).hasSize(8);
    }
  }

  @Test
  void racingFirstRecordingsOfOneLabelSetBindItOnce() throws Exception {
    AtomicInteger binds = new AtomicInteger();
    CardinalityBudget<Object> budget = new CardinalityBudget<>(50, labels -> {
      binds.incrementAndGet();
      return new Object();
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return budget.bound(Labels.of("type", "math"));
        }));
      }
      start.countDown();
      Object first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Object> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(binds).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void budgetHoldsUnderConcurrency() throws Exception {
    CardinalityBudget<Labels> budget = new CardinalityBudget<>(50, labels -> labels);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int admitted = 0;
          for (int i = 0; i < 200; i++) {
            if (budget.bound(Labels.of("k", "v" + i)) != null) {
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
