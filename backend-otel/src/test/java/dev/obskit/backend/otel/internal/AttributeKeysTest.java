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
    assertThat(cache.get("n19")).isNotSameAs(cache.get("n19"));
  }

  @Test
  void aNullNameIsNotCached() {
    AttributeKeys.Cache<String> cache = new AttributeKeys.Cache<>(AttributeKey::stringKey, 8);
    cache.get(null);
    assertThat(cache.size()).isZero();
  }
}
