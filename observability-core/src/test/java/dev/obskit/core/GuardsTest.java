package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import dev.obskit.core.fakes.TestSdk;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardsTest {
  private final FakeProvider fake = new FakeProvider("fake");

  private Observability sdk() {
    return TestSdk.routedTo(fake).set("limits.max_name_length", 20).set("limits.max_string_length", 10).build();
  }

  @Test
  void invalidMetricNamesAreDroppedAndCounted() {
    try (Observability obs = sdk()) {
      obs.counter(null).add(1);
      obs.counter("  ").add(1);
      obs.histogram("x".repeat(21)).record(1);
      obs.recordMetric(null, 1, Labels.empty(), MetricType.COUNTER);
      obs.recordMetric("", 1, Map.of(), MetricType.GAUGE);
      assertThat(fake.backend().measurements).isEmpty();
      assertThat(obs.selfMetrics().get("dropped.invalid_name")).isEqualTo(5);
    }
  }

  @Test
  void invalidSpanAndEventNamesAreDroppedAndCountedButWorkStillRuns() {
    try (Observability obs = sdk()) {
      try (Span s = obs.startSpan(null)) {
        assertThat(s.context().isValid()).isFalse();
      }
      int[] ran = {0};
      obs.inSpan("", () -> ran[0]++);
      obs.recordEvent(" ", Map.of());
      obs.recordEvent("y".repeat(21), Map.of());
      assertThat(ran[0]).isEqualTo(1);
      assertThat(fake.backend().spans).isEmpty();
      assertThat(fake.backend().events).isEmpty();
      assertThat(obs.selfMetrics().get("dropped.invalid_name")).isEqualTo(4);
    }
  }

  @Test
  void spanAndAttributeNamesAreCheckedEveryTimeThoughValidOnesAreRemembered() {
    // Valid names are remembered by identity (AcceptedNames); an invalid one must never be, and
    // an equal name in another String instance must get the same verdict.
    try (Observability obs = sdk()) {
      String tooLong = "k".repeat(21);
      String valid = "key";
      String validCopy = new String(valid.toCharArray());
      try (Span s = obs.startSpan("s")) {
        for (int i = 0; i < 3; i++) {
          s.setAttribute(valid, i).setAttribute(validCopy, "v").setAttribute(tooLong, 1L)
              .setAttribute(" ", true).setAttribute(null, 1.5);
        }
      }
      try (Span s = obs.spanBuilder("b").attribute(tooLong, "x").attribute(valid, 7L).start()) {
        s.setAttribute("other", 1L);
        s.updateName(tooLong);
        s.updateName(" ");
      }
      for (int i = 0; i < 2; i++) {
        obs.startSpan(tooLong).end();
        obs.spanBuilder(" ").start().end();
      }
      FakeBackend b = fake.backend();
      assertThat(b.span("s").attributes).containsOnlyKeys("key");
      assertThat(b.span("s").attributes.get("key")).isEqualTo("v");
      assertThat(b.span("b").attributes).containsOnlyKeys("key", "other");
      assertThat(b.spans).hasSize(2);
      assertThat(b.span("b").name).isEqualTo("b");
      assertThat(obs.selfMetrics().get("dropped.invalid_name")).isEqualTo(16);
    }
  }

  @Test
  void nonFiniteValuesAreDropped() {
    try (Observability obs = sdk()) {
      obs.counter("c").add(Double.NaN);
      obs.histogram("h").record(Double.POSITIVE_INFINITY);
      obs.gauge("g").set(Double.NEGATIVE_INFINITY);
      obs.upDownCounter("u").add(Double.NaN);
      obs.recordMetric("r", Double.NaN, Labels.empty(), MetricType.HISTOGRAM);
      assertThat(fake.backend().measurements).isEmpty();
      assertThat(obs.selfMetrics().get("dropped.non_finite_value")).isEqualTo(5);
    }
  }

  @Test
  void negativeCounterIncrementsAreDroppedButUpDownCountersMayGoDown() {
    try (LogCapture logs = new LogCapture(); Observability obs = sdk()) {
      obs.counter("c").add(-1);
      obs.recordMetric("c", -5, Labels.empty(), MetricType.COUNTER);
      obs.upDownCounter("u").add(-1);
      assertThat(fake.backend().measurements).extracting(m -> m.name).containsExactly("u");
      assertThat(obs.selfMetrics().get("dropped.negative_counter_increment")).isEqualTo(2);
      assertThat(logs.warnings()).filteredOn(w -> w.contains("negative_counter_increment")).hasSize(1);
    }
  }

  @Test
  void nullLabelsAreTreatedAsEmpty() {
    try (Observability obs = sdk()) {
      obs.counter("c").add(1, null);
      obs.recordMetric("c", 1, (Labels) null, MetricType.COUNTER);
      obs.recordMetric("c", 1, (Map<String, String>) null, MetricType.COUNTER);
      assertThat(fake.backend().measurements).hasSize(3).allMatch(m -> m.labels.isEmpty());
    }
  }

  @Test
  void sameNameWithAnotherTypeIsATypeConflict() {
    try (Observability obs = sdk()) {
      obs.counter("shared").add(1);
      obs.histogram("shared").record(5);
      obs.recordMetric("shared", 1, Labels.empty(), MetricType.GAUGE);
      obs.recordMetric("shared", 1, Labels.empty(), MetricType.COUNTER);
      assertThat(fake.backend().measurements).extracting(m -> m.value).containsExactly(1.0, 1.0);
      assertThat(fake.backend().instruments).hasSize(1);
      assertThat(obs.selfMetrics().get("dropped.type_conflict")).isEqualTo(2);
    }
  }

  @Test
  void boundHandlesForOneNameAreTheSameInstrument() {
    try (Observability obs = sdk()) {
      assertThat(obs.counter("same")).isSameAs(obs.counter("same"));
      obs.recordMetric("same", 2, Labels.empty(), MetricType.COUNTER);
      assertThat(fake.backend().instruments).hasSize(1);
    }
  }

  @Test
  void oversizeStringsAreDroppedFromAttributesTagsContextsAndEvents() {
    try (Observability obs = sdk()) {
      String big = "z".repeat(11);
      try (Span s = obs.startSpan("s")) {
        s.setAttribute("big", big).setAttribute("ok", "small");
      }
      obs.setTag("t_big", big);
      obs.setTag("t_ok", "fine");
      obs.setContext("c", Map.of("v", big, "w", "ok"));
      obs.captureError(ErrorEvent.builder(new RuntimeException()).context("cbig", big).context("cok", "ok")
          .tag("tbig", big).build());
      obs.recordEvent("ev", Map.of("ebig", big, "eok", 1));
      FakeBackend b = fake.backend();
      assertThat(b.span("s").attributes).containsOnlyKeys("ok");
      ErrorEvent e = b.errors.get(0);
      assertThat(e.tags()).containsOnlyKeys("t_ok");
      assertThat(e.context()).containsOnlyKeys("cok");
      assertThat(e.contexts().get("c")).containsOnlyKeys("w");
      assertThat(b.events.get(0).data).containsOnlyKeys("eok");
      assertThat(obs.selfMetrics().get("dropped.oversize_string")).isEqualTo(6);
    }
  }

  @Test
  void nullArgumentsNeverThrow() {
    try (Observability obs = sdk()) {
      obs.captureError((Throwable) null);
      obs.captureError((ErrorEvent) null);
      obs.captureMessage(null, null);
      obs.setTag(null, "x");
      obs.setContext(null, null);
      obs.recordEvent("e", null);
      Map<String, Object> withNull = new HashMap<>();
      withNull.put("k", null);
      obs.recordEvent("e2", withNull);
      obs.gauge("g", null, null, null).close();
      obs.recordMetric("m", 1, Labels.empty(), null);
      obs.inject(null, null);
      assertThat(obs.extract(null, null).isValid()).isFalse();
      assertThat(obs.wrap((Runnable) null)).isNull();
      Counter c = obs.counter("ok");
      c.add(1);
      assertThat(fake.backend().events).hasSize(2);
    }
  }
}
