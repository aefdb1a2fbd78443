package dev.obskit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
  void theShortFactoriesAgreeWithTheBuilder() {
    for (String[] kv : new String[][] {{"a", "1", "b", "2"}, {"b", "2", "a", "1"}, {"k", "1", "k", "2"}}) {
      Labels direct = Labels.of(kv[0], kv[1], kv[2], kv[3]);
      Labels built = Labels.builder().put(kv[0], kv[1]).put(kv[2], kv[3]).build();
      assertThat(direct).isEqualTo(built).hasSameHashCodeAs(built).hasToString(built.toString());
    }
    assertThat(Labels.of("k", "2").get("k")).isEqualTo("2");
    assertThat(Labels.of("k", "1", "k", "2").size()).isEqualTo(1);
    assertThatThrownBy(() -> Labels.of("a", "1", null, "2")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Labels.of("a", "1", "b", null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("'b'");
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
  void asMapAndToBuilderRoundTrip() {
    Labels l = Labels.of("a", "1", "b", "2", "c", "3");
    assertThat(l.asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    assertThat(l.toBuilder().put("d", "4").build().size()).isEqualTo(4);
  }
}
