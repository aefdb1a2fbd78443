package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.sdk.ItSdk;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import dev.obskit.testkit.otlp.ReceivedLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that logs through the real Logback, configured the way the README tells users
 * to: its console lines carry the trace id, its records reach an OTLP endpoint with that trace id,
 * and the exception it logs reaches a real Spotlight as a Sentry error in the same trace.
 */
@RequiresPeers(Peer.SPOTLIGHT)
class LogbackAppIT {
  private static final Duration ARRIVAL = Duration.ofSeconds(20);
  private static final String CONFIG = """
      <configuration>
        <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%-5level %logger trace_id=%X{trace_id} span_id=%X{span_id} %msg%n</pattern></encoder>
        </appender>
        <appender name="OBSKIT" class="dev.obskit.logback.ObskitAppender"/>
        <root level="INFO"><appender-ref ref="CONSOLE"/><appender-ref ref="OBSKIT"/></root>
      </configuration>
      """;

  @Test
  void consoleOtlpAndSpotlightShareTheLogLinesTraceId(SpotlightPeer spotlight) throws Exception {
    String order = "order-" + UUID.randomUUID();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    try (OtlpHttpReceiver collector = OtlpHttpReceiver.start()) {
      Observability obs = ItSdk.service("it-logback-app").errorsToSentry(spotlight.dsn())
          .logsToOtlp(collector.endpoint()).build();
      try {
        ObskitLogging.install(obs);
        // The console appender writes to the System.out it finds when it starts.
        System.setOut(new PrintStream(new TeeStream(console, originalOut), true, StandardCharsets.UTF_8));
        configure(logback, CONFIG);
        Logger log = LoggerFactory.getLogger("shop.Checkout");
        try (Span checkout = obs.startSpan("checkout")) {
          log.info("charging card for {}", order);
          log.error("charge failed for " + order, new IllegalStateException("card declined"));
        }
        assertThat(obs.flush(Duration.ofSeconds(15))).as("flush within its deadline").isTrue();
      } finally {
        System.setOut(originalOut);
        ObskitLogging.uninstall();
        obs.close(Duration.ofSeconds(10));
        logback.reset();
        new ContextInitializer(logback).autoConfig();
      }

      String text = console.toString(StandardCharsets.UTF_8);
      Matcher line = Pattern.compile("ERROR shop\\.Checkout trace_id=([0-9a-f]{32}) span_id=([0-9a-f]{16}) charge failed for "
          + Pattern.quote(order)).matcher(text);
      assertThat(line.find()).as("console output:%n%s", text).isTrue();
      String traceId = line.group(1);
      String spanId = line.group(2);
      assertThat(text).contains("INFO  shop.Checkout trace_id=" + traceId + " span_id=" + spanId + " charging card for "
          + order);

      ReceivedLog info = collector.awaitLog("charging card for " + order, ARRIVAL);
      ReceivedLog error = collector.awaitLog("charge failed for " + order, ARRIVAL);
      assertThat(info.traceId()).isEqualTo(traceId);
      assertThat(error.traceId()).isEqualTo(traceId);
      assertThat(error.spanId()).isEqualTo(spanId);
      assertThat(error.severityText()).isEqualTo("ERROR");
      assertThat(error.scope()).isEqualTo("shop.Checkout");
      assertThat(error.attributes()).containsEntry("exception.message", "card declined")
          .doesNotContainKey("trace_id");
      assertThat(error.resource()).containsEntry("service.name", "it-logback-app");

      SpotlightPeer.Envelope envelope = spotlight.awaitEnvelope(e -> e.contains("charge failed for " + order)
          && SentryEnvelope.parse(e.json()).has("event"), ARRIVAL);
      JsonNode event = SentryEnvelope.parse(envelope.json()).first("event").orElseThrow();
      assertThat(event.path("contexts").path("trace").path("trace_id").asText()).isEqualTo(traceId);
      assertThat(event.path("contexts").path("trace").path("span_id").asText()).isEqualTo(spanId);
      assertThat(event.path("tags").path("logger").asText()).isEqualTo("shop.Checkout");
      assertThat(event.path("exception").path("values").get(0).path("value").asText()).isEqualTo("card declined");
    }
  }

  private static void configure(LoggerContext context, String xml) throws Exception {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes to both streams: the test reads one, the build log keeps the other. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
