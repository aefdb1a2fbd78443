package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void distanceCountsSwapsOfNeighboursAsOneEdit() {
    assertThat(Suggestions.distance("name", "name")).isZero();
    assertThat(Suggestions.distance("nmae", "name")).isEqualTo(1);
    assertThat(Suggestions.distance("routng", "routing")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }

  @Test
  void suggestsOnlyLikelyTypos() {
    List<String> keys = List.of("dsn", "environment", "traces_sample_rate", "debug");

    assertThat(Suggestions.closest("tracs_sample_rate", keys)).isEqualTo("traces_sample_rate");
    assertThat(Suggestions.closest("TracesSampleRate", keys)).isEqualTo("traces_sample_rate");
    assertThat(Suggestions.closest("enviroment", keys)).isEqualTo("environment");
    assertThat(Suggestions.closest("dns", keys)).isEqualTo("dsn");
    assertThat(Suggestions.closest("release", keys)).isNull();
    assertThat(Suggestions.closest("x", List.of())).isNull();
  }
}
