package dev.obskit.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedSpan;
import dev.obskit.testkit.sentry.ReceivedItem;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.okhttp.v3_0.OkHttpTelemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interop handle: {@code obs.unwrap(OpenTelemetry.class)} is the otel backend's SDK, handed to
 * an OpenTelemetry instrumentation library (OkHttp, from the instrumentation BOM). Its client spans
 * nest under facade spans, carry the trace to the server called, are exported with ours, and under
 * {@code traces: both} are mirrored to Sentry inside the facade span's transaction.
 */
class InstrumentationInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final OtlpHttpReceiver collector = OtlpHttpReceiver.start();
  private final SentryTestServer sentry = SentryTestServer.start();
  private HttpServer downstream;
  private Observability obs;

  @AfterEach
  void stop() {
    if (obs != null) {
      obs.close(WAIT);
    }
    if (downstream != null) {
      downstream.stop(0);
    }
    collector.close();
    sentry.close();
  }

  @Test
  void okHttpSpansNestWithFacadeSpansAndAreMirroredToSentry() throws IOException {
    AtomicReference<String> received = new AtomicReference<>();
    downstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    downstream.createContext("/stock", exchange -> {
      try (exchange) {
        received.set(exchange.getRequestHeaders().getFirst("traceparent"));
        exchange.sendResponseHeaders(204, -1);
      }
    });
    downstream.start();
    obs = ObservabilitySdk.builder().serviceName("checkout").environmentVariables(Map.of())
        .set("routing.traces", "both").set("routing.errors", "none").set("routing.metrics", "none")
        .set("routing.events", "none").set("routing.logs", "none")
        .set("otel.otlp.endpoint", collector.endpoint()).set("otel.metrics.exporter", "none")
        .set("otel.traces.batch.schedule_delay", "100ms")
        .set("sentry.dsn", sentry.dsn())
        .build();

    // The documented recipe (docs/otel.md, "Instrumentation libraries").
    OpenTelemetry openTelemetry = obs.unwrap(OpenTelemetry.class).orElseThrow();
    Call.Factory http = OkHttpTelemetry.create(openTelemetry).createCallFactory(new OkHttpClient());

    String traceId;
    String checkoutId;
    try (Span checkout = obs.startSpan("checkout")) {
      traceId = checkout.context().traceId();
      checkoutId = checkout.context().spanId();
      Request request = new Request.Builder()
          .url("http://127.0.0.1:" + downstream.getAddress().getPort() + "/stock").build();
      try (Response response = http.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(204);
      }
    }
    assertThat(obs.flush(WAIT)).isTrue();

    ReceivedSpan client = collector.awaitSpan("GET", WAIT);
    assertThat(client.traceId()).isEqualTo(traceId);
    assertThat(client.parentSpanId()).as("the library's span is a child of the facade span").isEqualTo(checkoutId);
    assertThat(received.get()).as("the called server continues the library's span")
        .startsWith("00-" + traceId + "-" + client.spanId() + "-");
    assertThat(collector.awaitSpan("checkout", WAIT).spanId()).isEqualTo(checkoutId);

    ReceivedItem transaction = sentry.awaitTransaction(t -> "checkout".equals(t.getString("transaction")), WAIT);
    assertThat(transaction.traceId()).isEqualTo(traceId);
    assertThat(transaction.spanId()).isEqualTo(checkoutId);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> spans = (List<Map<String, Object>>) transaction.get("spans");
    assertThat(spans).anySatisfy(span -> {
      assertThat(span.get("span_id")).isEqualTo(client.spanId());
      assertThat(span.get("parent_span_id")).isEqualTo(checkoutId);
      assertThat(span.get("trace_id")).isEqualTo(traceId);
    });
  }

  @Test
  void withoutTheOtelBackendThereIsNoHandle() {
    obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .set("routing.traces", "console").set("console.output", "stdout").build();
    assertThat(obs.unwrap(OpenTelemetry.class)).isEmpty();
    assertThat(Observability.noop().unwrap(OpenTelemetry.class)).isEmpty();
  }
}
