package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DsnMaskingTest {
  @Test
  void masksPublicAndSecretKey() {
    assertThat(DsnMasking.mask("https://abc123def456@o1.ingest.sentry.io/42")).isEqualTo("https://****@o1.ingest.sentry.io/42");
    assertThat(DsnMasking.mask("http://pub:sec@127.0.0.1:9000/1")).isEqualTo("http://****@127.0.0.1:9000/1");
    assertThat(DsnMasking.mask("")).isEmpty();
    assertThat(DsnMasking.mask("bare-secret-without-scheme")).isEqualTo("****");
  }

  @Test
  void masksTheDsnAndItsKeyInsideText() {
    String dsn = "http://abcdef123456:zyx987654@host/1";
    assertThat(DsnMasking.maskIn("sending to " + dsn + " with key abcdef123456", dsn))
        .isEqualTo("sending to http://****@host/1 with key ****");
  }
}
