package dev.obskit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {
  @Test
  void aDsnKeepsSchemeHostPortAndProjectButNotItsKey() {
    assertThat(SecretMask.mask("http://abc123@127.0.0.1:8969/0"))
        .isEqualTo("http://****@127.0.0.1:8969/0");
    assertThat(SecretMask.mask("https://public:private@o1.ingest.sentry.io/42"))
        .isEqualTo("https://****@o1.ingest.sentry.io/42");
  }

  @Test
  void aUrlWithoutCredentialsHidesPathAndQueryThatMayCarryThem() {
    assertThat(SecretMask.mask("https://hooks.example.org/services/T0/B1/XYZ?token=t"))
        .isEqualTo("https://hooks.example.org/****?****");
    assertThat(SecretMask.mask("http://127.0.0.1:4318")).isEqualTo("http://127.0.0.1:4318");
  }

  @Test
  void anythingElseIsFullyMasked() {
    assertThat(SecretMask.mask("s3cr3t")).isEqualTo("****");
    assertThat(SecretMask.mask("not a :// url")).isEqualTo("****");
    assertThat(SecretMask.mask("://nohost")).isEqualTo("****");
  }

  @Test
  void emptyStaysEmptyBecauseItMeansNotSet() {
    assertThat(SecretMask.mask("")).isEmpty();
    assertThat(SecretMask.mask(null)).isNull();
  }

  @Test
  void recognisesSensitiveKeyNames() {
    assertThat(SecretMask.looksSensitive("api_key")).isTrue();
    assertThat(SecretMask.looksSensitive("apiKey")).isTrue();
    assertThat(SecretMask.looksSensitive("X-Auth-Token")).isTrue();
    assertThat(SecretMask.looksSensitive("client_secret")).isTrue();
    assertThat(SecretMask.looksSensitive("endpoint")).isFalse();
    assertThat(SecretMask.looksSensitive("traces_sample_rate")).isFalse();
  }

  @Test
  void keyNamesAreJudgedByTheScrubbersDefaultKeys() {
    assertThat(SecretMask.looksSensitive("db_credential")).isTrue();
    assertThat(SecretMask.looksSensitive("GCP.Credentials.File")).isTrue();
    assertThat(SecretMask.looksSensitive("db.passwd")).isTrue();
    assertThat(SecretMask.looksSensitive("SENTRY_DSN")).isTrue();
    for (String key : dev.obskit.core.internal.SdkSettings.DEFAULT_SCRUB_KEYS) {
      assertThat(SecretMask.looksSensitive(key.toUpperCase(java.util.Locale.ROOT))).as(key).isTrue();
    }
  }
}
