package dev.obskit.backend.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import org.junit.jupiter.api.Test;

class AttributeKeysTest {
  @Test
  void repeatedNamesShareOneKeyOfTheRightType() {
    AttributeKeys.Cache<String> cache = new AttributeKeys.Cache<>(AttributeKey::stringKey, 8);
    AttributeKey<String> first = cache.get("route");
    assertThat(cache.get("route")).isSameAs(first);
    assertThat(first.getKey()).isEqualTo("route");
    assertThat(first.getType()).isEqualTo(AttributeType.STRING);
    assertThat(AttributeKeys.string("route").getType()).isEqualTo(AttributeType.STRING);
    assertThat(AttributeKeys.longKey("route").getType()).isEqualTo(AttributeType.LONG);
    assertThat(AttributeKeys.doubleKey("route").getType()).isEqualTo(AttributeType.DOUBLE);
    assertThat(AttributeKeys.booleanKey("route").getType()).isEqualTo(AttributeType.BOOLEAN);
  }

  @Test
  void theCacheStaysBoundedAndKeysBeyondItAreStillCorrect() {
    AttributeKeys.Cache<Long> cache = new AttributeKeys.Cache<>(AttributeKey::longKey, 8);
    for (int i = 0; i < 20; i++) {
      assertThat(cache.get("n" + i)).isEqualTo(AttributeKey.longKey("n" + i));
    }
    assertThat(cache.size()).isEqualTo(8);
    assertThat(cache.get("n0")).isSameAs(cache.get("n0"));
    assertThat(cache.get(new String("n19"))).isEqualTo(AttributeKey.longKey("n19"));
    assertThat(cache.size()).isEqualTo(8);
  }

  @Test
  void namesSharingAFrontSlotAndEqualNamesOfOtherInstancesGetTheirOwnKeys() {
    AttributeKeys.Cache<String> cache = new AttributeKeys.Cache<>(AttributeKey::stringKey, 8);
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    for (int i = 0; i < 3; i++) {
      assertThat(cache.get("Aa").getKey()).isEqualTo("Aa");
      assertThat(cache.get("BB").getKey()).isEqualTo("BB");
      String built = new StringBuilder("A").append('a').toString();
      assertThat(cache.get(built)).isSameAs(cache.get("Aa"));
    }
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aNullNameIsNotCached() {
    AttributeKeys.Cache<String> cache = new AttributeKeys.Cache<>(AttributeKey::stringKey, 8);
    cache.get(null);
    assertThat(cache.size()).isZero();
  }
}
