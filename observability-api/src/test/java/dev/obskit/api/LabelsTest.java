package dev.obskit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void keysAreSortedAndOrderDoesNotMatterForEquality() {
    Labels a = Labels.of("b", "2", "a", "1");
    Labels b = Labels.builder().put("a", "1").put("b", "2").build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.keyAt(0)).isEqualTo("a");
    assertThat(a.valueAt(1)).isEqualTo("2");
    assertThat(a.toString()).isEqualTo("{a=1, b=2}");
  }

  @Test
  void laterValueForSameKeyWins() {
    Labels l = Labels.builder().put("k", "1").put("k", "2").build();
    assertThat(l.size()).isEqualTo(1);
    assertThat(l.get("k")).isEqualTo("2");
  }

  @Test
  void emptyIsShared() {
    assertThat(Labels.builder().build()).isSameAs(Labels.empty());
    assertThat(Labels.of(Map.of())).isSameAs(Labels.empty());
    assertThat(Labels.empty().isEmpty()).isTrue();
  }

  @Test
  void rejectsNullsAndOddPairs() {
    assertThatThrownBy(() -> Labels.of("k", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("'k'");
    assertThatThrownBy(() -> Labels.ofPairs("a", "1", "b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conversionIsComputedOncePerKey() {
    Labels l = Labels.of("type", "math");
    Labels.ConversionKey<String> k1 = new Labels.ConversionKey<>("one");
    Labels.ConversionKey<Integer> k2 = new Labels.ConversionKey<>("two");
    AtomicInteger calls = new AtomicInteger();
    assertThat(l.converted(k1, x -> "v" + calls.incrementAndGet())).isEqualTo("v1");
    assertThat(l.converted(k1, x -> "v" + calls.incrementAndGet())).isEqualTo("v1");
    assertThat(l.converted(k2, x -> x.size())).isEqualTo(1);
    assertThat(l.converted(k1, x -> "other")).isEqualTo("v1");
    assertThat(calls).hasValue(1);
  }

  @Test
  void asMapAndToBuilderRoundTrip() {
    Labels l = Labels.of("a", "1", "b", "2", "c", "3");
    assertThat(l.asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    assertThat(l.toBuilder().put("d", "4").build().size()).isEqualTo(4);
  }
}
