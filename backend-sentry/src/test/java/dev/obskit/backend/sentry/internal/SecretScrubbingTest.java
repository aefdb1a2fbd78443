package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.internal.DefaultScrubber;
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
  /** The core's real scrubber with the SDK-wide keys of these tests, plus a Sentry-only key. */
  private final SecretScrubbing scrubbing = new SecretScrubbing(new DefaultScrubber(List.of("password"))
      .withKeys(List.of("session-ref")));

  @Test
  void extraKeysMatchLikeTheCoresKeys() {
    assertThat(scrubbing.isSensitive("session_ref")).isTrue();
    assertThat(scrubbing.isSensitive("X-Session-Ref")).isTrue();
    assertThat(scrubbing.isSensitive("db.password")).isTrue();
    assertThat(scrubbing.isSensitive("session")).isFalse();
    assertThat(scrubbing.isSensitive(null)).isFalse();
  }

  @Test
  void spanDataUnderASecretKeyIsFiltered() {
    assertThat(scrubbing.spanData("db.password", "p0")).isEqualTo(Scrubber.FILTERED);
    assertThat(scrubbing.spanData("X-Session-Ref", 42L)).isEqualTo(Scrubber.FILTERED);
    assertThat(scrubbing.spanData("db.system", "postgresql")).isEqualTo("postgresql");
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
  void cleanOrAlreadyFilteredContextsAreKeptAsTheyAreWhileSecretsBesideThemAreFiltered() {
    // As the facade hands them over: already scrubbed by the core with the SDK-wide keys.
    Map<String, Object> clean = Map.of("provider", "openai", "password", "[Filtered]",
        "nested", Map.of("attempt", 2, "list", List.of("a", "b")));
    // sentry.scrub_keys are unknown to the core: still filtered here.
    Map<String, Object> withSentryOnlyKey = Map.of("session_ref", "s2", "plain", "kept");
    SentryEvent e = new SentryEvent();
    e.getContexts().put("context", clean);
    e.getContexts().put("request_info", withSentryOnlyKey);
    e.setTag("password", "[Filtered]");
    e.setTag("session-ref", "s3");
    Breadcrumb b = new Breadcrumb();
    b.setData("password", "p8");
    e.setBreadcrumbs(List.of(b));

    scrubbing.scrubEvent(e);

    assertThat(e.getContexts().get("context")).isSameAs(clean);
    assertThat(e.getContexts().get("request_info").toString()).doesNotContain("s2").contains("kept");
    assertThat(e.getTags()).containsEntry("password", "[Filtered]").containsEntry("session-ref", "[Filtered]");
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

      @Override
      public boolean isClean(Map<String, ?> values) {
        throw new IllegalStateException("broken scrubber");
      }
    };
    SentryErrorSink failing = new SentryErrorSink(NoOpScopes.getInstance(), null,
        new SecretScrubbing(broken), new ScopeDataMapping(false, 100), null);
    SentryErrorSink working = new SentryErrorSink(NoOpScopes.getInstance(), null, scrubbing, new ScopeDataMapping(false, 100), null);
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
