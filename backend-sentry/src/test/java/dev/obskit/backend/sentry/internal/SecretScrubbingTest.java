package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.SentryEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScrubbingTest {
  private final Scrubber base = new Scrubber() {
    @Override
    public boolean isSensitiveKey(String key) {
      return SecretScrubbing.normalize(key).contains("password");
    }

    @Override
    public Map<String, Object> scrub(Map<String, ?> values) {
      throw new UnsupportedOperationException();
    }
  };
  private final SecretScrubbing scrubbing = new SecretScrubbing(base, List.of("session-ref"));

  @Test
  void extraKeysMatchLikeTheCoresKeys() {
    assertThat(scrubbing.isSensitive("session_ref")).isTrue();
    assertThat(scrubbing.isSensitive("X-Session-Ref")).isTrue();
    assertThat(scrubbing.isSensitive("db.password")).isTrue();
    assertThat(scrubbing.isSensitive("session")).isFalse();
  }

  @Test
  void scrubsTagsExtraContextsAtAnyDepthAndBreadcrumbs() {
    SentryEvent e = new SentryEvent();
    e.setTag("password", "p1");
    e.setTag("region", "eu");
    e.setExtra("session_ref", "s1");
    e.getContexts().put("db", Map.of("conn", Map.of("password", "p2"), "list", List.of(Map.of("password", "p3"))));
    Breadcrumb b = new Breadcrumb();
    b.setData("password", "p4");
    e.setBreadcrumbs(List.of(b));
    scrubbing.scrubEvent(e);
    assertThat(e.getTags()).containsEntry("password", "[Filtered]").containsEntry("region", "eu");
    assertThat(e.getExtras()).containsEntry("session_ref", "[Filtered]");
    assertThat(e.getContexts().get("db").toString()).doesNotContain("p2").doesNotContain("p3");
    assertThat(b.getData("password")).isEqualTo("[Filtered]");
  }
}
