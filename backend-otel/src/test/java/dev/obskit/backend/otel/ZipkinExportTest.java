package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The Zipkin exporter, posting to a tiny Zipkin v2 HTTP endpoint that decodes with Zipkin's own
 * codec (the real Zipkin server is exercised in the it module).
 */
class ZipkinExportTest {
  private HttpServer zipkin;
  private final List<zipkin2.Span> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    zipkin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    zipkin.createContext("/api/v2/spans", exchange -> {
      InputStream raw = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        raw = new GZIPInputStream(raw);
      }
      try (exchange; InputStream body = raw) {
        received.addAll(SpanBytesDecoder.JSON_V2.decodeList(body.readAllBytes()));
        exchange.sendResponseHeaders(202, -1);
      }
    });
    zipkin.start();
  }

  @AfterEach
  void stop() {
    zipkin.stop(0);
  }

  @Test
  void spansArriveInZipkinFormatWithTheFacadeIds() {
    Observability obs = ObservabilitySdk.builder()
        .serviceName("question-service")
        .environmentVariables(Map.of())
        .provider(new OtelBackendProvider())
        .route(Signal.TRACES, "otel")
        .route(Signal.METRICS)
        .route(Signal.ERRORS)
        .route(Signal.EVENTS)
        .set("otel.traces.exporter", "zipkin")
        .set("otel.zipkin.endpoint", "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans")
        .build();
    SpanContext parent;
    SpanContext child;
    try (Span root = obs.spanBuilder("handle_request").kind(SpanKind.SERVER).start()) {
      parent = root.context();
      try (Span c = obs.startSpan("generate_question")) {
        child = c.context();
        c.setAttribute("difficulty", "hard");
      }
    }
    assertThat(obs.close(Duration.ofSeconds(10))).isTrue();

    assertThat(received).hasSize(2);
    zipkin2.Span server = received.stream().filter(s -> s.name().equals("handle_request")).findFirst().orElseThrow();
    zipkin2.Span internal = received.stream().filter(s -> s.name().equals("generate_question")).findFirst().orElseThrow();
    assertThat(server.traceId()).isEqualTo(parent.traceId());
    assertThat(server.id()).isEqualTo(parent.spanId());
    assertThat(server.kind()).isEqualTo(zipkin2.Span.Kind.SERVER);
    assertThat(server.localServiceName()).isEqualTo("question-service");
    assertThat(internal.id()).isEqualTo(child.spanId());
    assertThat(internal.parentId()).isEqualTo(parent.spanId());
    assertThat(internal.tags()).containsEntry("difficulty", "hard");
  }
}
