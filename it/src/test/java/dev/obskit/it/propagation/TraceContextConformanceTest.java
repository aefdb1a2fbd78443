package dev.obskit.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * W3C Trace Context cases, one behaviour on every trace routing (console, none, sentry and otel
 * primaries): the whole trace-flags byte travels from an incoming {@code traceparent} to the
 * outgoing one, traces started here carry the Level 2 random flag, and {@code tracestate} is
 * passed on only when it follows the specification's grammar. These are the cases of the W3C
 * test suite (test/test.py of w3c/trace-context) that concern a service, written down here
 * because that suite cannot be fetched in this build's network.
 */
class TraceContextConformanceTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00f067aa0ba902b7";
  private static final SentryTestServer SENTRY = SentryTestServer.start();

  private Observability obs;

  // "foo=bar " is valid: blanks around list members are optional whitespace, not part of the value.

  @AfterAll
  static void stopSentry() {
    SENTRY.close();
  }

  @AfterEach
  void close() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(2));
    }
  }

  static Stream<Arguments> routings() {
    return Stream.of(Arguments.of("console"), Arguments.of("none"), Arguments.of("sentry"), Arguments.of("otel"));
  }

  private Observability sdk(String primary) {
    obs = ObservabilitySdk.builder().serviceName("conformance").environmentVariables(Map.of())
        .set("routing.traces", primary)
        // Errors on: with every signal off the core makes no span ids and passes the parent through.
        .set("routing.errors", "console").set("routing.metrics", "none")
        .set("routing.events", "none").set("routing.logs", "none")
        .set("console.output", "stdout").set("console.metrics", "off")
        .set("sentry.dsn", SENTRY.dsn())
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none")
        .build();
    return obs;
  }

  /** What a service answering one request sends on: the headers its outgoing call carries. */
  private static Map<String, String> forward(Observability obs, Map<String, String> incoming) {
    SpanContext parent = obs.extract(incoming, Map::get);
    Map<String, String> outgoing = new HashMap<>();
    try (Span server = obs.spanBuilder("GET /").kind(SpanKind.SERVER).parent(parent).start()) {
      obs.inject(outgoing, Map::put);
    }
    return outgoing;
  }

  private static Map<String, String> headers(String traceparent, String tracestate) {
    Map<String, String> h = new HashMap<>();
    h.put("traceparent", traceparent);
    if (tracestate != null) {
      h.put("tracestate", tracestate);
    }
    return h;
  }

  private static String flags(Map<String, String> headers) {
    String traceparent = headers.get("traceparent");
    return traceparent.substring(traceparent.length() - 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routings")
  void theWholeTraceFlagsByteTravelsOn(String primary) {
    Observability o = sdk(primary);
    Function<String, Map<String, String>> hop = flags -> forward(o, headers("00-" + TRACE + "-" + PARENT + "-" + flags, null));

    Map<String, String> sampledRandom = hop.apply("03");
    assertThat(sampledRandom.get("traceparent")).startsWith("00-" + TRACE + "-").doesNotContain(PARENT);
    assertThat(flags(sampledRandom)).isEqualTo("03");
    assertThat(flags(hop.apply("01"))).isEqualTo("01");
    assertThat(flags(hop.apply("02"))).as("random, not sampled").isEqualTo("02");
    assertThat(flags(hop.apply("00"))).isEqualTo("00");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routings")
  void aTraceStartedHereIsMarkedRandom(String primary) {
    Observability o = sdk(primary);
    Map<String, String> outgoing = new HashMap<>();
    try (Span root = o.startSpan("job")) {
      assertThat(root.context().isRandom()).isTrue();
      o.inject(outgoing, Map::put);
    }
    assertThat(flags(outgoing)).isEqualTo("03");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routings")
  void aValidTraceStateIsPassedOnInOrder(String primary) {
    Observability o = sdk(primary);
    String parent = "00-" + TRACE + "-" + PARENT + "-01";
    assertThat(forward(o, headers(parent, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")).get("tracestate"))
        .isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    assertThat(forward(o, headers(parent, "foo=1, ,bar=2")).get("tracestate")).as("empty members are allowed")
        .isEqualTo("foo=1,bar=2");
    assertThat(forward(o, headers(parent, "tenant@vendor=v,a-b_c*d/e=x y")).get("tracestate"))
        .isEqualTo("tenant@vendor=v,a-b_c*d/e=x y");
    assertThat(forward(o, headers(parent, "k" + "a".repeat(255) + "=1")).get("tracestate"))
        .as("a 256-character key is valid").isEqualTo("k" + "a".repeat(255) + "=1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routings")
  void anInvalidTraceStateIsNotPassedOn(String primary) {
    Observability o = sdk(primary);
    String parent = "00-" + TRACE + "-" + PARENT + "-01";
    for (String invalid : new String[] {"FOO=1", "foo =1", "foo.bar=1", "foo=bar=baz", "k" + "a".repeat(256) + "=1",
        "foo=1,FOO=2", "foo=1,foo=2", "foo=", "=1", "foo@=1", "@vendor=1", "foo=1,bar=2," + "x=\u00e9"}) {
      Map<String, String> outgoing = forward(o, headers(parent, invalid));
      assertThat(outgoing.get("traceparent")).as(invalid).startsWith("00-" + TRACE + "-");
      assertThat(outgoing).as(invalid).doesNotContainKey("tracestate");
    }
  }
}
