package dev.obskit.testkit.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The test server's own behaviour, with hand-written envelopes over real HTTP. */
class SentryTestServerTest {
  private static final String EVENT = "{\"event_id\":\"e1\",\"level\":\"error\",\"contexts\":{\"trace\":"
      + "{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\"}}}";

  private static int post(SentryTestServer server, byte[] body, boolean gzip) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/1/envelope/"))
        .header("Content-Type", "application/x-sentry-envelope");
    if (gzip) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(body);
      }
      body = out.toByteArray();
      request.header("Content-Encoding", "gzip");
    }
    return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void parsesGzippedEnvelopesWithAndWithoutItemLengths() throws Exception {
    try (SentryTestServer server = SentryTestServer.start()) {
      byte[] payload = EVENT.getBytes(StandardCharsets.UTF_8);
      String body = "{\"event_id\":\"e1\",\"trace\":{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}}\n"
          + "{\"type\":\"event\",\"length\":" + payload.length + "}\n" + EVENT + "\n"
          + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n";
      assertThat(post(server, body.getBytes(StandardCharsets.UTF_8), true)).isEqualTo(200);
      ReceivedItem event = server.awaitEvent(e -> true, Duration.ofSeconds(5));
      assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(event.spanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(event.headerTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(server.envelopes().get(0).items()).extracting(EnvelopeItem::type).containsExactly("event", "client_report");
      assertThat(server.dsn()).isEqualTo("http://key@127.0.0.1:" + server.port() + "/1");
    }
  }

  @Test
  void answersTheConfiguredFailureStatusAndKeepsNothing() throws Exception {
    try (SentryTestServer server = SentryTestServer.start()) {
      server.respondWith429(30);
      assertThat(post(server, "{}\n".getBytes(StandardCharsets.UTF_8), false)).isEqualTo(429);
      server.respondWithStatus(500);
      assertThat(post(server, "{}\n".getBytes(StandardCharsets.UTF_8), false)).isEqualTo(500);
      assertThat(server.envelopes()).isEmpty();
      assertThat(server.requestCount()).isEqualTo(2);
      assertThatThrownBy(() -> server.awaitEvent(e -> true, Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class).hasMessageContaining("0 matched");
    }
  }

  @Test
  void refusesConnectionsOnceClosed() {
    SentryTestServer server = SentryTestServer.start();
    server.close();
    assertThatThrownBy(() -> post(server, "{}\n".getBytes(StandardCharsets.UTF_8), false)).isInstanceOf(IOException.class);
  }
}
