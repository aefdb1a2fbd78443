package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.ZipkinSpans;
import dev.obskit.it.sdk.ItSdk;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two services, each with its own isolated SDK instance, talk over real HTTP on 127.0.0.1: the
 * client's CLIENT span injects W3C {@code traceparent} into the request (JDK HttpClient), the
 * server (com.sun.net.httpserver) extracts it and starts a SERVER span under it. Zipkin then
 * holds one trace that spans both services; the W3C baggage crosses too, and an error the server
 * captures reaches Sentry (a real Spotlight) with the trace id the client started.
 */
@RequiresPeers({Peer.ZIPKIN, Peer.SPOTLIGHT})
class AcrossServicesIT {
  private static final String FRONTEND = "it-frontend";
  private static final String BACKEND = "it-backend";

  private Observability client;
  private Observability server;
  private HttpServer http;
  private final AtomicReference<String> receivedTraceparent = new AtomicReference<>();
  private final AtomicReference<SpanContext> serverSpan = new AtomicReference<>();
  private final AtomicReference<Map<String, String>> receivedBaggage = new AtomicReference<>();
  private final String failure = "question store unavailable " + Long.toHexString(System.nanoTime());

  @BeforeEach
  void startServices(ZipkinPeer zipkin, SpotlightPeer spotlight) throws IOException {
    // The backend traces to OpenTelemetry and mirrors into Sentry (traces: both).
    server = ItSdk.service(BACKEND).tracesToZipkin(zipkin.endpoint()).errorsToSentry(spotlight.dsn())
        .tracesAlsoToSentry().build();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/questions", this::handle);
    http.start();
  }

  @AfterEach
  void stopServices() {
    if (http != null) {
      http.stop(0);
    }
    if (client != null) {
      client.close(Duration.ofSeconds(10));
    }
    if (server != null) {
      server.close(Duration.ofSeconds(10));
    }
  }

  /** The backend service: continues the caller's trace. */
  private void handle(HttpExchange exchange) throws IOException {
    receivedTraceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
    SpanContext parent = server.extract(exchange.getRequestHeaders(), (headers, key) -> headers.getFirst(key));
    receivedBaggage.set(server.extractBaggage(exchange.getRequestHeaders(), (headers, key) -> headers.getFirst(key)));
    byte[] body;
    try (Span span = server.spanBuilder("get /questions").kind(SpanKind.SERVER).parent(parent)
        .attribute("http.route", "/questions").start()) {
      serverSpan.set(span.context());
      server.inSpan("load question", () -> server.currentSpan().setAttribute("db.rows", 1L));
      server.captureError(new IllegalStateException(failure), Map.of("route", "/questions"));
      body = "{\"question\":\"2+2\"}".getBytes(StandardCharsets.UTF_8);
      span.setAttribute("http.response.status_code", 200L);
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Calls the backend inside a root span and a CLIENT span; returns {root, client span}. */
  private SpanContext[] callBackend() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/questions");
    HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SpanContext root;
    SpanContext clientSpan;
    try (Span checkout = client.spanBuilder("checkout").noParent().start();
        Scope tenant = client.withBaggage(Map.of("tenant", "acme"))) {
      root = checkout.context();
      try (Span call = client.spanBuilder("get /questions").kind(SpanKind.CLIENT)
          .attribute("http.request.method", "GET").start()) {
        clientSpan = call.context();
        Map<String, String> headers = new LinkedHashMap<>();
        client.inject(headers, Map::put);
        assertThat(headers).as("W3C headers injected by the client").containsKey("traceparent");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        call.setAttribute("http.response.status_code", (long) response.statusCode());
      }
    }
    return new SpanContext[] {root, clientSpan};
  }

  @Test
  void oneTraceSpansBothServicesInZipkin(ZipkinPeer zipkin, SpotlightPeer spotlight) throws Exception {
    client = ItSdk.service(FRONTEND).tracesToZipkin(zipkin.endpoint()).build();
    SpanContext[] ids = callBackend();
    SpanContext root = ids[0];
    SpanContext clientSpan = ids[1];
    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(receivedTraceparent.get()).as("traceparent on the wire")
        .isEqualTo("00-" + clientSpan.traceId() + "-" + clientSpan.spanId() + "-03"); // sampled, random (Level 2)
    assertThat(serverSpan.get().traceId()).as("server span continues the caller's trace").isEqualTo(root.traceId());
    assertThat(receivedBaggage.get()).as("W3C baggage extracted by the server").containsEntry("tenant", "acme");

    List<ObservedSpan> spans = ZipkinSpans.parse(zipkin.awaitTrace(root.traceId(), 4, Duration.ofSeconds(20)));
    String all = spans.stream().map(ObservedSpan::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    assertThat(spans).as("spans:%s", all).hasSize(4);
    Map<String, ObservedSpan> byId = spans.stream().collect(Collectors.toMap(ObservedSpan::spanId, Function.identity()));

    ObservedSpan checkout = byId.get(root.spanId());
    ObservedSpan call = byId.get(clientSpan.spanId());
    ObservedSpan handled = byId.get(serverSpan.get().spanId());
    assertThat(checkout).as("checkout span in%s", all).isNotNull();
    assertThat(call).as("client span in%s", all).isNotNull();
    assertThat(handled).as("server span in%s", all).isNotNull();
    ObservedSpan load = spans.stream().filter(s -> s.name().equals("load question")).findFirst().orElseThrow();

    assertThat(checkout.isRoot()).isTrue();
    assertThat(checkout.serviceName()).isEqualTo(FRONTEND);
    assertThat(call.parentId()).isEqualTo(checkout.spanId());
    assertThat(call.kind()).isEqualTo("CLIENT");
    assertThat(call.serviceName()).isEqualTo(FRONTEND);
    assertThat(handled.parentId()).as("SERVER span's parent is the CLIENT span of the other service").isEqualTo(call.spanId());
    assertThat(handled.kind()).isEqualTo("SERVER");
    assertThat(handled.serviceName()).isEqualTo(BACKEND);
    assertThat(handled.attributes()).containsEntry("http.route", "/questions");
    assertThat(load.parentId()).isEqualTo(handled.spanId());
    assertThat(load.serviceName()).isEqualTo(BACKEND);
    assertThat(spans).extracting(ObservedSpan::serviceName).containsOnly(FRONTEND, BACKEND);

    JsonNode error = SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(failure)
        && SentryEnvelope.parse(e.json()).has("event"), Duration.ofSeconds(20)).json()).first("event").orElseThrow();
    assertThat(error.path("contexts").path("trace").path("trace_id").asText())
        .as("the server's error names the trace the client started").isEqualTo(root.traceId());
    assertThat(error.path("contexts").path("trace").path("span_id").asText())
        .as("... and the server span it happened in").isEqualTo(handled.spanId());

    // The backend's Sentry mirror: a transaction continuing the remote CLIENT span.
    JsonNode serverTransaction = SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(handled.spanId())
        && SentryEnvelope.parse(e.json()).has("transaction"), Duration.ofSeconds(20)).json()).first("transaction").orElseThrow();
    JsonNode trace = serverTransaction.path("contexts").path("trace");
    assertThat(trace.path("trace_id").asText()).isEqualTo(root.traceId());
    assertThat(trace.path("span_id").asText()).isEqualTo(handled.spanId());
    assertThat(trace.path("parent_span_id").asText()).as("remote parent = the client's CLIENT span").isEqualTo(call.spanId());
    assertThat(trace.path("op").asText()).isEqualTo("server");
    assertThat(serverTransaction.path("spans")).as("the server's child span")
        .anySatisfy(span -> assertThat(span.path("span_id").asText()).isEqualTo(load.spanId()));
  }

  /**
   * Two different trace backends, one trace: the client's primary is Sentry (it assigns the W3C
   * ids), the server's is OpenTelemetry. The Sentry transaction (Spotlight) and the server spans
   * (Zipkin) share the trace id, and the SERVER span's parent is the Sentry CLIENT span.
   */
  @Test
  void sentryTracedClientAndOtelTracedServerShareOneTrace(ZipkinPeer zipkin, SpotlightPeer spotlight) throws Exception {
    client = ItSdk.service(FRONTEND).tracesToSentry(spotlight.dsn()).build();
    SpanContext[] ids = callBackend();
    SpanContext root = ids[0];
    SpanContext clientSpan = ids[1];
    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(receivedTraceparent.get()).as("traceparent on the wire, ids assigned by Sentry")
        .isEqualTo("00-" + clientSpan.traceId() + "-" + clientSpan.spanId() + "-03"); // sampled, random (Level 2)

    List<ObservedSpan> spans = ZipkinSpans.parse(zipkin.awaitTrace(root.traceId(), 2, Duration.ofSeconds(20)));
    ObservedSpan handled = spans.stream().filter(s -> s.spanId().equals(serverSpan.get().spanId())).findFirst()
        .orElseThrow(() -> new AssertionError("server span not in Zipkin: " + spans));
    assertThat(handled.parentId()).as("SERVER span (OTel) under the CLIENT span (Sentry)").isEqualTo(clientSpan.spanId());
    assertThat(handled.serviceName()).isEqualTo(BACKEND);

    // The client's transaction (the backend mirrors its own spans into Sentry too, same trace id).
    JsonNode transaction = SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(root.traceId())
        && SentryEnvelope.parse(e.json()).first("transaction")
            .map(t -> t.path("contexts").path("trace").path("span_id").asText().equals(root.spanId())).orElse(false),
        Duration.ofSeconds(20)).json()).first("transaction").orElseThrow();
    assertThat(transaction.path("transaction").asText()).isEqualTo("checkout");
    assertThat(transaction.path("contexts").path("trace").path("trace_id").asText()).isEqualTo(root.traceId());
    assertThat(transaction.path("contexts").path("trace").path("span_id").asText()).isEqualTo(root.spanId());
    assertThat(transaction.path("spans")).as("the CLIENT span in the transaction")
        .anySatisfy(span -> {
          assertThat(span.path("span_id").asText()).isEqualTo(clientSpan.spanId());
          assertThat(span.path("op").asText()).isEqualTo("client");
        });
  }
}
