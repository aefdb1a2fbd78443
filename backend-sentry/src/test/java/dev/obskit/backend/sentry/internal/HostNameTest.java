package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Signal;
import dev.obskit.backend.sentry.SentryBackendProvider;
import dev.obskit.testkit.BackendHarness;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The default server name: a host-name lookup that can neither fail init nor stall it. */
class HostNameTest {
  @Test
  void aResolvedNameIsUsed() {
    assertThat(HostName.resolve(() -> "web-7", Duration.ofSeconds(5))).isEqualTo("web-7");
  }

  @Test
  void aHostWithoutAnEntryGivesNoName() {
    assertThat(HostName.resolve(() -> {
      throw new UnknownHostException("vm: Name or service not known");
    }, Duration.ofSeconds(5))).isNull();
    assertThat(HostName.resolve(() -> " ", Duration.ofSeconds(5))).isNull();
  }

  @Test
  void aLookupThatHangsIsAbandonedAtTheTimeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try {
      long start = System.nanoTime();
      String name = HostName.resolve(() -> {
        never.await();
        return "too-late";
      }, Duration.ofMillis(50));
      assertThat(name).isNull();
      // Generous bound: proves init does not wait for the resolver, not how fast it is.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      never.countDown();
    }
  }

  @Test
  void withoutAConfiguredServerNameTheBackendUsesTheLookupAndAttachesNothingWithoutAName() {
    String expected = HostName.resolve();
    try (BackendHarness.Created created = BackendHarness.create(new SentryBackendProvider(),
        Map.of("dsn", "http://key@127.0.0.1:9/1"), EnumSet.of(Signal.ERRORS), false)) {
      SentryBackend backend = (SentryBackend) created.backend();
      assertThat(backend.options().getServerName()).isEqualTo(expected);
      // No name: Sentry must not try again lazily on a capturing thread.
      assertThat(backend.options().isAttachServerName()).isEqualTo(expected != null);
    }
  }
}
