package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.NoOpScopes;
import io.sentry.SentryEvent;
import java.util.ArrayList;
import java.util.HashMap;
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

  @Test
  void scrubsArraysAndCutsOffCyclesInsteadOfOverflowingTheStack() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("password", "p5");
    cyclic.put("self", cyclic);
    List<Object> list = new ArrayList<>();
    list.add(Map.of("password", "p6"));
    list.add(list);
    SentryEvent e = new SentryEvent();
    e.getContexts().put("payload", Map.of("cyclic", cyclic, "list", list,
        "array", new Object[] {Map.of("password", "p7"), "plain"}));

    scrubbing.scrubEvent(e);

    String app = e.getContexts().get("payload").toString();
    assertThat(app).doesNotContain("p5").doesNotContain("p6").doesNotContain("p7").contains("plain")
        .contains("[Filtered]");
  }

  @Test
  void theStaticHubBridgeDropsAnEventItCouldNotScrubRatherThanSendItHalfScrubbed() {
    Scrubber broken = new Scrubber() {
      @Override
      public boolean isSensitiveKey(String key) {
        throw new IllegalStateException("broken scrubber");
      }

      @Override
      public Map<String, Object> scrub(Map<String, ?> values) {
        throw new UnsupportedOperationException();
      }
    };
    SentryErrorSink failing = new SentryErrorSink(NoOpScopes.getInstance(), null,
        new SecretScrubbing(broken, List.of()), false);
    SentryErrorSink working = new SentryErrorSink(NoOpScopes.getInstance(), null, scrubbing, false);
    SentryEvent event = new SentryEvent();
    event.setTag("password", "p8");
    try {
      StaticHubBridge.attach(working);
      // No context to correlate with (null): correlation fails, the event still goes out scrubbed.
      assertThat(StaticHubBridge.instance().process(event, new Hint())).isSameAs(event);
      assertThat(event.getTags()).containsEntry("password", "[Filtered]");

      StaticHubBridge.attach(failing);
      SentryEvent other = new SentryEvent();
      other.setTag("password", "p9");
      assertThat(StaticHubBridge.instance().process(other, new Hint())).isNull();
    } finally {
      StaticHubBridge.detach(failing);
      StaticHubBridge.detach(working);
    }
    SentryEvent afterDetach = new SentryEvent();
    afterDetach.setTag("password", "p10");
    assertThat(StaticHubBridge.instance().process(afterDetach, new Hint())).isSameAs(afterDetach);
  }
}
