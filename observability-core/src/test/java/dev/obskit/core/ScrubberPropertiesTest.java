package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.SdkSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What the scrubber promises for any input: a value under a secret key never comes out, in any
 * spelling of the key and at any depth of maps, lists and arrays; shared and cyclic structures
 * never throw and never blow up; {@code isClean} never vouches for data that would change.
 */
class ScrubberPropertiesTest {
  /** Marks a secret value; its characters never occur in a generated key (keys are printed too). */
  private static final String SECRET = "%leak%";
  private final DefaultScrubber scrubber = new DefaultScrubber(SdkSettings.DEFAULT_SCRUB_KEYS);

  @Property(tries = 1000)
  void aConfiguredKeyIsSensitiveInAnyCaseAndSeparatorStyleAndInsideLongerKeys(@ForAll("sensitiveKeys") String key) {
    assertThat(scrubber.isSensitiveKey(key)).as(key).isTrue();
  }

  @Property(tries = 1000)
  void isSensitiveKeyNeverThrows(@ForAll String key) {
    scrubber.isSensitiveKey(key);
  }

  @Property(tries = 1000)
  void aValueUnderASensitiveKeyNeverComesOutAndIsCleanNeverVouchesForIt(@ForAll("structures") Map<String, Object> values) {
    assertThat(deepText(scrubber.scrub(values))).doesNotContain(SECRET);
    if (deepText(values).contains(SECRET)) {
      assertThat(scrubber.isClean(values)).isFalse();
    }
  }

  @Property(tries = 1000)
  void cleanDataComesOutUnchangedAndScrubbedDataIsClean(@ForAll("structures") Map<String, Object> values) {
    if (scrubber.isClean(values)) {
      assertThat(scrubber.scrub(values)).isEqualTo(values);
    }
    Map<String, Object> scrubbed = scrubber.scrub(values);
    // What the core hands a backend passes the backend's check without another copy.
    assertThat(scrubber.isClean(scrubbed)).isTrue();
    assertThat(scrubber.scrub(scrubbed)).isEqualTo(scrubbed);
  }

  /**
   * Every level holds the level below twice (2^depth paths) and, with {@code cycle}, the bottom
   * holds the top. The copy stays within the node budget and has no cycle left.
   */
  @Property(tries = 200)
  void sharedAndCyclicStructuresNeverThrowAndStayBounded(@ForAll @IntRange(min = 1, max = 300) int depth,
      @ForAll boolean cycle, @ForAll("containerKinds") String kind, @ForAll("sensitiveKeys") String secretKey) {
    Map<String, Object> bottom = new LinkedHashMap<>();
    bottom.put(secretKey, SECRET + depth);
    Object level = bottom;
    for (int i = 0; i < depth; i++) {
      Object[] twice = {level, level};
      Map<String, Object> up = new LinkedHashMap<>();
      up.put("items", kind.equals("array") ? twice : kind.equals("list") ? Arrays.asList(twice)
          : Map.of("left", level, "right", level));
      up.put(secretKey, SECRET + i);
      level = up;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) level;
    if (cycle) {
      bottom.put("top", top);
    }

    Map<String, Object> out = scrubber.scrub(top);

    assertThat(nodes(out)).isLessThanOrEqualTo(3 * DefaultScrubber.MAX_NODES);
    assertThat(out.toString()).doesNotContain(SECRET);
    assertThat(scrubber.isClean(top)).isFalse();
  }

  /** A backend's extra keys match exactly as if they had been configured with the SDK's keys. */
  @Property(tries = 1000)
  void extraKeysMatchAsIfTheyWereConfigured(@ForAll("keyLists") List<String> configured,
      @ForAll("keyLists") List<String> extra, @ForAll("probeKeys") String probe) {
    List<String> all = new ArrayList<>(configured);
    all.addAll(extra);
    Scrubber withExtra = new DefaultScrubber(configured).withKeys(extra);
    assertThat(withExtra.isSensitiveKey(probe)).as("%s with %s + %s", probe, configured, extra)
        .isEqualTo(new DefaultScrubber(all).isSensitiveKey(probe));
    if (new DefaultScrubber(configured).isSensitiveKey(probe)) {
      assertThat(withExtra.isSensitiveKey(probe)).isTrue();
    }
  }

  @Provide
  Arbitrary<String> sensitiveKeys() {
    Arbitrary<String> around = Arbitraries.strings().withChars("qxz0-_.").ofMaxLength(3);
    return Combinators.combine(Arbitraries.of(SdkSettings.DEFAULT_SCRUB_KEYS), around, around, Arbitraries.longs())
        .as((key, before, after, seed) -> before + spelled(key, new Random(seed)) + after);
  }

  /** {@code key} with each letter in either case and separators anywhere between letters. */
  private static String spelled(String key, Random random) {
    StringBuilder sb = new StringBuilder();
    for (char c : key.replaceAll("[-_.]", "").toCharArray()) {
      if (sb.length() > 0 && random.nextInt(3) == 0) {
        sb.append("-_.".charAt(random.nextInt(3)));
      }
      sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  @Provide
  Arbitrary<List<String>> keyLists() {
    return Arbitraries.of("password", "ssn", "API_KEY", "Db.Pass", "-", "_.", "", "x-Session-Ref", "İd", "token")
        .list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> probeKeys() {
    return Arbitraries.oneOf(
        Arbitraries.of("apiKey", "api_key", "X-Api-Key", "db.PASSWORD", "Set-Cookie", "SENTRY_DSN", "question_type",
            "user-SSN", "password", "region", "", "dbpass", "DB_PASSWORD_HASH", "x.api.key.id", "session_ref", "İD"),
        Arbitraries.strings().ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> containerKinds() {
    return Arbitraries.of("map", "list", "array");
  }

  /** Nested maps, lists and arrays in which {@value #SECRET} values sit only under sensitive keys. */
  @Provide
  Arbitrary<Map<String, Object>> structures() {
    return map(4);
  }

  private Arbitrary<Map<String, Object>> map(int depth) {
    Arbitrary<String> plainKey = Arbitraries.of("region", "step", "name", "count", "provider", "db.user", "items");
    Arbitrary<Object[]> plainEntry = Combinators.combine(plainKey, value(depth)).as((k, v) -> new Object[] {k, v});
    Arbitrary<Object[]> secretEntry = Combinators.combine(sensitiveKeys(),
        Arbitraries.oneOf(secret(), value(depth), Arbitraries.just(Scrubber.FILTERED))).as((k, v) -> new Object[] {k, v});
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, plainEntry), net.jqwik.api.Tuple.of(1, secretEntry))
        .list().ofMaxSize(3).map(entries -> {
          Map<String, Object> m = new LinkedHashMap<>();
          entries.forEach(e -> m.put((String) e[0], e[1]));
          return m;
        });
  }

  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(4).map(s -> "v" + s), Arbitraries.integers().map(i -> i),
        Arbitraries.of(1.5, Double.NaN, Float.POSITIVE_INFINITY, true), Arbitraries.just(null));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> map(depth - 1).map(m -> (Object) m));
    Arbitrary<List<Object>> items = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, inner),
        net.jqwik.api.Tuple.of(1, items.map(l -> (Object) new ArrayList<>(l))),
        net.jqwik.api.Tuple.of(1, items.map(l -> (Object) l.toArray())));
  }

  /** A secret as a plain value, or a whole structure of them under the sensitive key. */
  private Arbitrary<Object> secret() {
    Arbitrary<String> one = Arbitraries.integers().between(0, 999_999).map(i -> SECRET + i);
    return Arbitraries.oneOf(one.map(s -> (Object) s), one.list().ofMaxSize(2).map(l -> (Object) l),
        one.map(s -> (Object) Map.of("nested", s)), one.map(s -> (Object) new Object[] {s}));
  }

  /** Like {@code toString}, arrays included (input data may hold arrays; no cycles). */
  private static String deepText(Object value) {
    if (value instanceof Object[]) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : (Object[]) value) {
        sb.append(deepText(o)).append(',');
      }
      return sb.append(']').toString();
    }
    if (value instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      ((Map<?, ?>) value).forEach((k, v) -> sb.append(k).append('=').append(deepText(v)).append(','));
      return sb.append('}').toString();
    }
    if (value instanceof Collection) {
      StringBuilder sb = new StringBuilder("[");
      ((Collection<?>) value).forEach(v -> sb.append(deepText(v)).append(','));
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** Values in a scrubbed copy (acyclic: the scrubber replaced every cycle). */
  private static int nodes(Object value) {
    int n = 1;
    if (value instanceof Map) {
      for (Object v : ((Map<?, ?>) value).values()) {
        n += nodes(v);
      }
    } else if (value instanceof Collection) {
      for (Object v : (Collection<?>) value) {
        n += nodes(v);
      }
    }
    return n;
  }
}
