package dev.obskit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstrumentOptionsTest {

  @Test
  void bucketsMustAscendAndBeFinite() {
    assertThat(InstrumentOptions.builder().buckets(1, 5, 10).build().buckets()).containsExactly(1.0, 5.0, 10.0);
    assertThatThrownBy(() -> InstrumentOptions.builder().buckets(1, 1)).hasMessageContaining("ascending");
    assertThatThrownBy(() -> InstrumentOptions.builder().buckets(Double.NaN)).hasMessageContaining("not finite");
  }

  @Test
  void defaults() {
    assertThat(InstrumentOptions.defaults().unit()).isEmpty();
    assertThat(InstrumentOptions.defaults().buckets()).isNull();
    assertThat(InstrumentOptions.unit("ms").unit()).isEqualTo("ms");
  }
}
