package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.TestSdk;
import dev.obskit.core.internal.propagation.W3CBaggage;
import dev.obskit.core.internal.propagation.W3CTraceContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropagationTest {
  static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void roundTripContinuesTheTraceAcrossServices() {
    FakeProvider upstream = new FakeProvider("up");
    FakeProvider downstream = new FakeProvider("down");
    try (Observability a = TestSdk.routedTo(upstream).build(); Observability b = TestSdk.routedTo(downstream).build()) {
      Map<String, String> headers = new HashMap<>();
      SpanContext sent;
      try (Span client = a.startSpan("call"); Scope bag = a.withBaggage(Map.of("tenant", "acme corp", "plan", "pro"))) {
        sent = client.context();
        a.inject(headers, Map::put);
      }
      assertThat(headers.get("traceparent")).isEqualTo("00-" + sent.traceId() + "-" + sent.spanId() + "-01");
      assertThat(headers.get("baggage")).contains("tenant=acme%20corp");

      SpanContext remote = b.extract(headers, Map::get);
      assertThat(remote.isRemote()).isTrue();
      assertThat(remote.traceId()).isEqualTo(sent.traceId());
      assertThat(b.extractBaggage(headers, Map::get)).containsEntry("tenant", "acme corp").containsEntry("plan", "pro");
      try (Span server = b.spanBuilder("handle").parent(remote).start()) {
        assertThat(server.context().traceId()).isEqualTo(sent.traceId());
      }
      assertThat(downstream.backend().span("handle").start.parent()).isEqualTo(remote);
    }
  }

  @Test
  void tracestateIsPassedThrough() {
    try (Observability obs = TestSdk.routedTo(new FakeProvider("f")).build()) {
      Map<String, String> in = Map.of("traceparent", VALID, "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
      SpanContext remote = obs.extract(in, Map::get);
      assertThat(remote.traceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
      Map<String, String> out = new HashMap<>();
      try (Span s = obs.spanBuilder("child").parent(remote).start()) {
        obs.inject(out, Map::put);
      }
      assertThat(out.get("tracestate")).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    }
  }

  @Test
  void injectWritesNothingWithoutASpan() {
    try (Observability obs = TestSdk.routedTo(new FakeProvider("f")).build()) {
      Map<String, String> out = new HashMap<>();
      obs.inject(out, Map::put);
      assertThat(out).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",      // too short
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",    // v00 must be exactly 55
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",     // all-zero trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",     // all-zero span id
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",     // upper case
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // forbidden version
      "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // version not hex
      "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",     // not hex
      "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // bad delimiter
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz",     // bad flags
      "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",    // future version: extra must start with -
  })
  void malformedTraceparentsAreRejectedAndCounted(String header) {
    assertThat(W3CTraceContext.parse(header, null)).isNull();
    try (Observability obs = TestSdk.routedTo(new FakeProvider("f")).build()) {
      assertThat(obs.extract(Map.of("traceparent", header), Map::get).isValid()).isFalse();
      assertThat(obs.selfMetrics().get("dropped.malformed_traceparent")).isEqualTo(1);
    }
  }

  @Test
  void validAndFutureVersionsAreAccepted() {
    SpanContext c = W3CTraceContext.parse(VALID, null);
    assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(c.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(c.isSampled()).isTrue();
    assertThat(W3CTraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", null).isSampled())
        .isFalse();
    // Unknown flags bits are ignored; a future version may append fields after a dash.
    assertThat(W3CTraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09", null).isSampled()).isTrue();
    assertThat(W3CTraceContext.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds", null))
        .isNotNull();
    assertThat(W3CTraceContext.parse(null, null).isValid()).isFalse();
  }

  @Test
  void baggageEncodingAndLimits() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("userId", "alice");
    entries.put("note", "a,b;c=d %é");
    String header = W3CBaggage.format(entries);
    assertThat(header).isEqualTo("userId=alice,note=a%2Cb%3Bc=d%20%25%C3%A9");
    assertThat(W3CBaggage.parse(header).entries()).isEqualTo(entries);
    assertThat(W3CBaggage.parse(" a = 1 ; prop=x , b=2").entries()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    W3CBaggage.Parsed bad = W3CBaggage.parse("novalue,=x,ok=1,bad key=2,c=%zz");
    assertThat(bad.entries()).containsOnlyKeys("ok");
    assertThat(bad.malformed()).isTrue();
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      many.put("k" + i, "v");
    }
    assertThat(W3CBaggage.format(many).split(",")).hasSize(64);
    assertThat(W3CBaggage.format(Map.of("big", "x".repeat(9000)))).isEmpty();
    assertThat(W3CBaggage.parse("a=" + "x".repeat(9000)).entries()).isEmpty();
  }

  @Test
  void baggageScopesNestAndRestore() {
    try (Observability obs = TestSdk.routedTo(new FakeProvider("f")).build()) {
      try (Scope outer = obs.withBaggage(Map.of("a", "1"))) {
        try (Scope inner = obs.withBaggage(Map.of("b", "2", "a", "override"))) {
          assertThat(obs.currentBaggage()).containsEntry("a", "override").containsEntry("b", "2");
        }
        assertThat(obs.currentBaggage()).containsExactly(Map.entry("a", "1"));
      }
      assertThat(obs.currentBaggage()).isEmpty();
    }
  }
}
