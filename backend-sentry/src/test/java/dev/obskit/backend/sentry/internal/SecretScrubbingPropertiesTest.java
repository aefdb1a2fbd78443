package dev.obskit.backend.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.SdkSettings;
import io.sentry.Breadcrumb;
import io.sentry.JsonSerializer;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.io.StringWriter;
import java.util.ArrayList;
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

/**
 * Whatever an event carries and wherever in Sentry's model it sits, a value under a secret key
 * (the SDK's or a {@code sentry.scrub_keys} one, in any spelling, at any depth of maps, lists and
 * arrays) is not in the JSON Sentry would send, and the values beside it are.
 */
class SecretScrubbingPropertiesTest {
  /** Marks a secret value; its characters never occur in a generated key (keys are serialised too). */
  private static final String SECRET = "%leak%";
  private final SecretScrubbing scrubbing = new SecretScrubbing(new DefaultScrubber(SdkSettings.DEFAULT_SCRUB_KEYS)
      .withKeys(List.of("order_ref")));
  private final JsonSerializer json = new JsonSerializer(new SentryOptions());

  @Property(tries = 300)
  void noSecretReachesSentrysJsonAndEverythingElseDoes(@ForAll("sensitiveKeys") String key,
      @ForAll("wrappings") List<String> wrapping, @ForAll long seed) {
    Random random = new Random(seed);
    SentryEvent event = new SentryEvent();
    event.setTag(key, SECRET + "tag");
    event.setTag("region", "kept-tag");
    event.setExtra("payload", nested(key, SECRET + "extra", wrapping));
    event.setExtra("step", "kept-extra");
    event.getContexts().put("order", Map.of("detail", nested(key, SECRET + "context", wrapping), "id", "kept-context"));
    event.getContexts().put(key, Map.of("anything", SECRET + "named-context"));
    Breadcrumb crumb = new Breadcrumb();
    crumb.setData("payload", nested(key, SECRET + "crumb", wrapping));
    crumb.setData(key, SECRET + "crumb-top");
    crumb.setData("stage", "kept-crumb");
    event.setBreadcrumbs(new ArrayList<>(List.of(crumb)));
    User user = new User();
    user.setId("kept-user");
    user.setData(new LinkedHashMap<>(Map.of(key, SECRET + "user")));
    event.setUser(user);
    Request request = new Request();
    request.setHeaders(new LinkedHashMap<>(Map.of(key, SECRET + "header", "Accept", "kept-header")));
    request.setCookies("session=" + SECRET + "cookie");
    request.setData(Map.of("form", nested(key, SECRET + "body", wrapping)));
    event.setRequest(request);
    if (random.nextBoolean()) {
      scrubbing.scrubBreadcrumb(crumb); // Sentry's before-breadcrumb ran already: a second pass changes nothing
    }

    String sent = serialized(scrubbing.scrubEvent(event));

    assertThat(sent).doesNotContain(SECRET)
        .contains("kept-tag", "kept-extra", "kept-context", "kept-crumb", "kept-user", "kept-header");
  }

  /** {@code key: secret} inside maps, lists and arrays, outermost first. */
  private static Object nested(String key, String secret, List<String> wrapping) {
    Object value = new LinkedHashMap<>(Map.of(key, secret, "plain", "kept"));
    for (int i = wrapping.size() - 1; i >= 0; i--) {
      switch (wrapping.get(i)) {
        case "list":
          value = new ArrayList<>(List.of(value, "kept"));
          break;
        case "array":
          value = new Object[] {"kept", value};
          break;
        default:
          value = new LinkedHashMap<>(Map.of("inner", value));
      }
    }
    return value;
  }

  private String serialized(SentryEvent event) {
    StringWriter out = new StringWriter();
    try {
      json.serialize(event, out);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out.toString();
  }

  @Provide
  Arbitrary<List<String>> wrappings() {
    return Arbitraries.of("map", "list", "array").list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> sensitiveKeys() {
    List<String> keys = new ArrayList<>(SdkSettings.DEFAULT_SCRUB_KEYS);
    keys.add("order_ref");
    Arbitrary<String> around = Arbitraries.strings().withChars("qxz0-_.").ofMaxLength(3);
    return Combinators.combine(Arbitraries.of(keys), around, around, Arbitraries.longs())
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
}
