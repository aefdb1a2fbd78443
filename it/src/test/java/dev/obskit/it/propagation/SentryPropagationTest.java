package dev.obskit.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.TracesSamplingDecision;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code propagation: [tracecontext, baggage, sentry]} against Sentry's own Java SDK on the other
 * side of real HTTP on 127.0.0.1: a Sentry-instrumented client calling an obskit service, and an
 * obskit client calling a Sentry-instrumented service. Both ways the trace id and the sampling
 * decision carry over, and Sentry's baggage entries (its dynamic sampling context) travel too.
 */
class SentryPropagationTest {
  private static final SentryTestServer SENTRY = SentryTestServer.start();

  private HttpServer server;
  private Observability obs;

  @BeforeAll
  static void initSentry() {
    // The other service's own Sentry SDK (sending to a local test server, never elsewhere).
    Sentry.init(options -> {
      options.setDsn(SENTRY.dsn());
      options.setTracesSampleRate(1.0);
      options.setRelease("shop@2.0.0");
      options.setEnvironment("test");
    });
  }

  @AfterAll
  static void closeSentry() {
    Sentry.close();
    SENTRY.close();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (obs != null) {
      obs.close(Duration.ofSeconds(2));
    }
  }

  private Observability obskit() {
    obs = ObservabilitySdk.builder().serviceName("checkout").serviceVersion("1.4.0").environment("staging")
        .environmentVariables(Map.of("OTEL_PROPAGATORS", "tracecontext,baggage,sentry"))
        .set("routing.traces", "otel").set("routing.errors", "none").set("routing.metrics", "none")
        .set("routing.events", "none").set("routing.logs", "none")
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none")
        .build();
    return obs;
  }

  private String start(com.sun.net.httpserver.HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        handler.handle(exchange);
        exchange.sendResponseHeaders(204, -1);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/order";
  }

  private static void call(String url, Map<String, String> headers) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    headers.forEach(connection::setRequestProperty);
    assertThat(connection.getResponseCode()).isEqualTo(204);
    connection.disconnect();
  }

  /** The obskit service: continues the caller's trace in a server span. */
  private String obskitService(AtomicReference<SpanContext> seen, AtomicReference<Map<String, String>> baggage)
      throws IOException {
    Observability service = obskit();
    return start(exchange -> {
      Map<String, String> headers = firstValues(exchange);
      SpanContext parent = service.extract(headers, Map::get);
      baggage.set(service.extractBaggage(headers, Map::get));
      try (Scope b = service.withBaggage(baggage.get());
           Span span = service.spanBuilder("POST /order").kind(SpanKind.SERVER).parent(parent).start()) {
        seen.set(span.context());
      }
    });
  }

  private static Map<String, String> firstValues(HttpExchange exchange) {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    return headers;
  }

  @Test
  void aTraceStartedBySentrysSdkContinuesHereWithItsIdAndDecision() throws IOException {
    AtomicReference<SpanContext> seen = new AtomicReference<>();
    AtomicReference<Map<String, String>> baggage = new AtomicReference<>();
    String url = obskitService(seen, baggage);

    for (boolean sampled : new boolean[] {true, false}) {
      TransactionContext context = new TransactionContext("checkout", "http.client", new TracesSamplingDecision(sampled));
      ITransaction tx = Sentry.startTransaction(context, new TransactionOptions());
      // Only Sentry's own headers: Sentry's SDK sends traceparent only when opted in.
      call(url, Map.of("sentry-trace", tx.toSentryTrace().getValue(), "baggage", tx.toBaggageHeader(null).getValue()));
      tx.finish();

      assertThat(seen.get().traceId()).isEqualTo(tx.getSpanContext().getTraceId().toString());
      assertThat(seen.get().isSampled()).as("sampled=%s", sampled).isEqualTo(sampled);
      assertThat(baggage.get()).containsEntry("sentry-trace_id", tx.getSpanContext().getTraceId().toString())
          .containsEntry("sentry-sampled", String.valueOf(sampled)).containsEntry("sentry-release", "shop@2.0.0");
    }
  }

  @Test
  void aTraceStartedHereContinuesInSentrysSdkWithItsIdAndDecision() throws IOException {
    AtomicReference<ITransaction> continued = new AtomicReference<>();
    String url = start(exchange -> {
      // The other service, instrumented with Sentry's SDK the way its integrations do it.
      TransactionContext context = Sentry.continueTrace(exchange.getRequestHeaders().getFirst("sentry-trace"),
          exchange.getRequestHeaders().get("baggage"));
      ITransaction tx = Sentry.startTransaction(context, new TransactionOptions());
      tx.finish();
      continued.set(tx);
    });
    Observability client = obskit();

    Map<String, String> headers = new HashMap<>();
    String traceId;
    String spanId;
    try (Span span = client.spanBuilder("POST /order").kind(SpanKind.CLIENT).start()) {
      client.inject(headers, Map::put);
      traceId = span.context().traceId();
      spanId = span.context().spanId();
    }
    assertThat(headers).containsKeys("traceparent", "sentry-trace", "baggage");
    call(url, headers);

    ITransaction tx = continued.get();
    assertThat(tx.getSpanContext().getTraceId().toString()).isEqualTo(traceId);
    assertThat(tx.getSpanContext().getParentSpanId().toString()).isEqualTo(spanId);
    assertThat(tx.isSampled()).isTrue();
    String dsc = tx.toBaggageHeader(null).getValue();
    assertThat(dsc).contains("sentry-trace_id=" + traceId).contains("sentry-environment=staging")
        .contains("sentry-release=checkout%401.4.0");
  }

  @Test
  void anUnsampledTraceStaysUnsampledInSentrysSdk() throws IOException {
    AtomicReference<ITransaction> continued = new AtomicReference<>();
    String url = start(exchange -> {
      TransactionContext context = Sentry.continueTrace(exchange.getRequestHeaders().getFirst("sentry-trace"),
          exchange.getRequestHeaders().get("baggage"));
      ITransaction tx = Sentry.startTransaction(context, new TransactionOptions());
      tx.finish();
      continued.set(tx);
    });
    Observability client = obskit();
    SpanContext unsampled = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false, "");
    Map<String, String> headers = new HashMap<>();
    try (Span span = client.spanBuilder("job").parent(unsampled).start()) {
      client.inject(headers, Map::put);
    }
    assertThat(headers.get("sentry-trace")).endsWith("-0");
    call(url, headers);
    assertThat(continued.get().getSpanContext().getTraceId().toString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(continued.get().isSampled()).isFalse();
  }

  @Test
  void withoutTheSentryFormatNoSentryHeaderIsReadOrWritten() {
    obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .set("routing.traces", "console").set("console.output", "stdout").build();
    Map<String, String> incoming = Map.of("sentry-trace", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
    assertThat(obs.extract(incoming, Map::get).isValid()).isFalse();
    Map<String, String> outgoing = new HashMap<>();
    try (Span span = obs.startSpan("job")) {
      obs.inject(outgoing, Map::put);
    }
    assertThat(outgoing).containsOnlyKeys("traceparent");
  }
}
