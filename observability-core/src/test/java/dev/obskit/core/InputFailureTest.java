package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.core.fakes.FakeBackend;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import dev.obskit.core.fakes.TestSdk;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Caller-supplied input that throws while the SDK reads it (a map modified concurrently, a key or
 * value whose {@code toString} throws, a heap-polluted map) is dropped and counted under
 * {@code dropped.capture_failure}; the exception never reaches the application.
 */
class InputFailureTest {
  private static final String KEY = "dropped.capture_failure";
  private final FakeProvider fake = new FakeProvider("fake");

  /** A non-empty map whose iteration throws, as a map modified while being read does. */
  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> throwingMap() {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, V>> iterator() {
            throw new ConcurrentModificationException("modified while iterating");
          }

          @Override
          public int size() {
            return 1;
          }
        };
      }
    };
  }

  /** An object whose toString throws, as buggy application classes do. */
  private static final class Unprintable {
    @Override
    public String toString() {
      throw new IllegalStateException("toString is broken");
    }
  }

  /** Data whose nested map has a key the scrubber cannot turn into a string. */
  private static Map<String, Object> unprintableNestedKey() {
    Map<Object, Object> nested = new HashMap<>();
    nested.put(new Unprintable(), "v");
    return Map.of("nested", nested);
  }

  @Test
  void captureErrorDropsInputThatThrowsWhileRead() {
    try (LogCapture logs = new LogCapture(); Observability obs = TestSdk.routedTo(fake).build()) {
      assertThatCode(() -> {
        obs.captureError(new RuntimeException("a"), throwingMap());
        obs.captureError(new RuntimeException("b"), unprintableNestedKey());
        obs.captureError(ErrorEvent.builder(new RuntimeException("c")).context(unprintableNestedKey()).build());
      }).doesNotThrowAnyException();
      assertThat(fake.backend().errors).isEmpty();
      assertThat(obs.selfMetrics().get(KEY)).isEqualTo(3);
      // Rate-limited: one warning for the three drops, with the cause attached.
      assertThat(logs.warnings()).filteredOn(w -> w.contains("reading its input threw")).hasSize(1)
          .allMatch(w -> w.contains("ConcurrentModificationException"));

      obs.captureError(new RuntimeException("fine"), Map.of("k", "v"));
      assertThat(fake.backend().errors).hasSize(1);
    }
  }

  @Test
  void recordEventDropsInputThatThrowsWhileRead() {
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      assertThatCode(() -> {
        obs.recordEvent("a", throwingMap());
        obs.recordEvent("b", unprintableNestedKey());
      }).doesNotThrowAnyException();
      assertThat(fake.backend().events).isEmpty();
      assertThat(obs.selfMetrics().get(KEY)).isEqualTo(2);
    }
  }

  @Test
  void setContextDropsInputThatThrowsWhileReadAndKeepsTheScopeUnchanged() {
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      assertThatCode(() -> {
        obs.setContext("a", throwingMap());
        obs.setContext("b", unprintableNestedKey());
      }).doesNotThrowAnyException();
      assertThat(obs.selfMetrics().get(KEY)).isEqualTo(2);
      assertThat(fake.backend().scopeCalls).isEmpty();
      obs.captureMessage("after", null);
      assertThat(fake.backend().errors.get(0).contexts()).isEmpty();
    }
  }

  @Test
  void spanAddEventDropsAttributesThatThrowWhileReadAndTheSpanCarriesOn() {
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      assertThatCode(() -> {
        try (Span span = obs.startSpan("s")) {
          span.addEvent("iterating", throwingMap());
          span.addEvent("printing", Map.of("attr", new Unprintable()));
          span.addEvent("fine", Map.of("attr", 1));
        }
      }).doesNotThrowAnyException();
      FakeBackend.FakeSpan span = fake.backend().span("s");
      assertThat(span.eventNames).containsExactly("fine");
      assertThat(span.ended()).isTrue();
      assertThat(obs.selfMetrics().get(KEY)).isEqualTo(2);
      // The caller's input failed, not the backend.
      assertThat(obs.selfMetrics().snapshot()).noneSatisfy((k, v) -> assertThat(k).startsWith("sink_failures"));
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void withBaggageDropsEntriesThatThrowWhileReadAndAttachesNothing() {
    Map polluted = new HashMap();
    polluted.put("k", new Unprintable()); // not a String: the typed read throws ClassCastException
    try (Observability obs = TestSdk.routedTo(fake).build(); Scope outer = obs.withBaggage(Map.of("kept", "1"))) {
      assertThatCode(() -> {
        try (Scope s = obs.withBaggage(throwingMap())) {
          assertThat(obs.currentBaggage()).containsOnlyKeys("kept");
        }
        try (Scope s = obs.withBaggage((Map<String, String>) polluted)) {
          assertThat(obs.currentBaggage()).containsOnlyKeys("kept");
        }
      }).doesNotThrowAnyException();
      assertThat(obs.currentBaggage()).containsOnlyKeys("kept");
      assertThat(obs.selfMetrics().get(KEY)).isEqualTo(2);
    }
  }

  @Test
  void recordMetricWithALabelMapThatThrowsWhileReadIsDropped() {
    try (Observability obs = TestSdk.routedTo(fake).build()) {
      assertThatCode(() -> obs.recordMetric("m", 1, InputFailureTest.<String>throwingMap(), MetricType.COUNTER))
          .doesNotThrowAnyException();
      assertThat(fake.backend().measurements).isEmpty();
      assertThat(obs.selfMetrics().get(KEY)).isEqualTo(1);
      obs.recordMetric("m", 1, Labels.empty(), MetricType.COUNTER);
      assertThat(fake.backend().measurements).hasSize(1);
    }
  }
}
