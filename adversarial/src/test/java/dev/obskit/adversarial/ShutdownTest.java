package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Gauge;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Class 7 of the reliability issue: an application that never calls {@code close} still gets its
 * telemetry out when the JVM exits (a shutdown hook, on by default), and closing while Prometheus
 * is being scraped is quiet.
 */
class ShutdownTest {
  /** The application of the hook test: captures one error and returns from main without closing. */
  public static final class AppThatNeverCloses {
    public static void main(String[] args) {
      Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of())
          .configYaml("routing: {errors: sentry, traces: none, metrics: none, events: none}")
          .set("sentry.dsn", args[0]).build();
      obs.captureError(new IllegalStateException("captured just before exit"));
      // No close(): the JVM exits with Sentry's sender thread (a daemon) still holding the event.
    }
  }

  @Test
  void theShutdownHookDeliversWhatWasCapturedBeforeExit() throws Exception {
    try (SentryTestServer sentry = SentryTestServer.start()) {
      // The server answers slowly: without a hook the JVM is gone before the envelope is sent.
      sentry.stall();
      CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(sentry::resume);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
          AppThatNeverCloses.class.getName(), sentry.dsn()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(sentry.events()).as("events received; child output:\n%s", output).hasSize(1);
    }
  }

  @Test
  void closingDuringAPrometheusScrapeIsQuiet() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (LogRecords logs = new LogRecords()) {
      Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of())
          .configYaml("routing: {metrics: otel, traces: none, errors: none, events: none}\n"
              + "otel: {metrics: {exporter: prometheus}, prometheus: {port: " + port + "}}")
          .build();
      CountDownLatch collecting = new CountDownLatch(1);
      CountDownLatch collected = new CountDownLatch(1);
      obs.gauge("slow.gauge", InstrumentOptions.defaults(), Labels.empty(), () -> {
        collecting.countDown();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        collected.countDown();
        return 1;
      });
      Gauge g = obs.gauge("plain.gauge");
      g.set(1);
      HttpClient client = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<String>> scrape = client.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(collecting.await(10, TimeUnit.SECONDS)).isTrue();
      obs.close(Duration.ofSeconds(3));
      try {
        scrape.get(10, TimeUnit.SECONDS);
      } catch (Exception expected) {
        // The scrape may fail: the server is gone. What matters is the log.
      }
      // The scrape's handler finishes after the collection it was waiting for: then it writes
      // (or fails to write) its response, and logs if it fails.
      assertThat(collected.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(500);
      List<String> severe = logs.messages(Level.SEVERE);
      assertThat(severe).as("SEVERE records at close").isEmpty();
    }
  }
}
