package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.core.config.ConfigInputs;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import dev.obskit.core.internal.SdkSettings;
import dev.obskit.core.internal.propagation.W3CTraceContext;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever arrives in the propagation headers or the standard variables, nothing throws. The SDK
 * catches what a parser throws (counted as {@code propagation_failures}) so that the application
 * never sees it; here no parser may throw at all: every input is handled, not caught.
 */
class PropagationFormatsPropertiesTest {
  private static Observability obs;

  @BeforeContainer
  static void start() {
    obs = TestSdk.routedTo(new FakeProvider("fake")).set("propagation", "tracecontext,baggage,sentry").build();
  }

  @AfterContainer
  static void stop() {
    obs.close(java.time.Duration.ofSeconds(1));
  }

  @Property(tries = 2000)
  void extractNeverThrowsAndYieldsInvalidOrAValidContext(@ForAll String traceparent, @ForAll String tracestate,
      @ForAll String sentryTrace, @ForAll String baggage) {
    Map<String, String> headers = Map.of("traceparent", traceparent, "tracestate", tracestate,
        "sentry-trace", sentryTrace, "baggage", baggage);
    SpanContext context = obs.extract(headers, Map::get);
    assertThat(context).isNotNull();
    if (context.isValid()) {
      assertThat(SpanContext.isValidTraceId(context.traceId())).isTrue();
    }
    assertThat(obs.extractBaggage(headers, Map::get)).isNotNull();
    // What was accepted goes out again in a form that parses.
    Map<String, String> out = new HashMap<>();
    try (Span span = obs.spanBuilder("s").parent(context).start()) {
      obs.inject(out, Map::put);
    }
    if (out.containsKey("tracestate")) {
      assertThat(W3CTraceContext.sanitizeTraceState(out.get("tracestate"))).isEqualTo(out.get("tracestate"));
    }
    assertNothingCaught();
  }

  /** The parsers handled the input: nothing was caught on the way (the getters here never throw). */
  private static void assertNothingCaught() {
    assertThat(obs.selfMetrics().get("propagation_failures")).as("propagation_failures").isZero();
    assertThat(obs.selfMetrics().get("dropped.capture_failure")).as("dropped.capture_failure").isZero();
  }

  @Provide
  Arbitrary<String> nearlyValidSentryTrace() {
    Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF-").ofMinLength(0).ofMaxLength(40);
    return Combinators.combine(hex, hex, Arbitraries.of("", "-1", "-0", "-2", "-", "-11", "-true"))
        .as((a, b, c) -> a + "-" + b + c);
  }

  @Provide
  Arbitrary<String> nearlyValidTraceState() {
    Arbitrary<String> member = Arbitraries.strings().withChars("abcXYZ09_-*/@=., \t").ofMinLength(0).ofMaxLength(12);
    return member.list().ofMaxSize(40).map(list -> String.join(",", list));
  }

  @Property(tries = 2000)
  void nearlyValidHeadersNeverThrowAndAcceptedStateIsGrammatical(@ForAll("nearlyValidSentryTrace") String sentryTrace,
      @ForAll("nearlyValidTraceState") String tracestate) {
    Map<String, String> headers = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "tracestate", tracestate, "sentry-trace", sentryTrace);
    SpanContext context = obs.extract(headers, Map::get);
    assertThat(context.isValid()).isTrue();
    String kept = context.traceState();
    assertThat(kept.isEmpty() || W3CTraceContext.sanitizeTraceState(kept).equals(kept)).isTrue();
    SpanContext sentryOnly = obs.extract(Map.of("sentry-trace", sentryTrace), Map::get);
    if (sentryOnly.isValid()) {
      assertThat(sentryTrace).startsWith(sentryOnly.traceId() + "-" + sentryOnly.spanId());
    }
    assertNothingCaught();
  }

  @Property(tries = 1000)
  void standardVariablesNeverThrow(@ForAll String value) {
    Map<String, String> env = new HashMap<>();
    for (String name : new String[] {"OTEL_RESOURCE_ATTRIBUTES", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_SDK_DISABLED",
        "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_PROPAGATORS", "OTEL_TRACES_SAMPLER_ARG", "SENTRY_TRACES_SAMPLE_RATE"}) {
      env.put(name, value);
    }
    SdkSettings config = SdkSettings.read(ConfigInputs.builder().env(env).build());
    assertThat(config.inputs().problems()).allSatisfy(p -> assertThat(p.source()).startsWith("env "));
  }
}
