package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The accounting identity for the OpenTelemetry backend, seen from outside: every span started is
 * either received by the OTLP endpoint or counted in {@code otel.spans_dropped}, once {@code
 * close} has returned, whether the collector accepts, answers 500 or hangs.
 */
class OtlpAccountingTest {
  private static final int SPANS = 300;

  enum Fault {
    ACCEPT, SERVER_ERROR, HANG
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void everySpanIsReceivedOrCounted(Fault fault) {
    try (OtlpHttpReceiver otlp = OtlpHttpReceiver.start()) {
      if (fault == Fault.SERVER_ERROR) {
        otlp.failWith(500);
      } else if (fault == Fault.HANG) {
        otlp.hang();
      }
      // A request the collector received but answered after the exporter's timeout counts as lost
      // although it arrived: only the hanging collector gets a timeout short enough to meet close's
      // deadline; the others get one no loaded machine reaches.
      String timeout = fault == Fault.HANG ? "500ms" : "10s";
      Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of()).shutdownHook(false)
          .configYaml("routing: {traces: otel, metrics: none, errors: none, events: none}\n"
              + "otel: {traces: {exporter: otlp, batch: {schedule_delay: 50ms, max_queue_size: 100,"
              + " max_export_batch_size: 50}}, otlp: {endpoint: '" + otlp.endpoint() + "', timeout: " + timeout + "}}")
          .build();
      for (int i = 0; i < SPANS; i++) {
        obs.startSpan("span " + i).close();
      }
      obs.close(Duration.ofSeconds(3));
      long dropped = obs.selfMetrics().get("otel.spans_dropped");
      int received = fault == Fault.ACCEPT ? otlp.spans().size() : 0;
      assertThat(received + dropped).as("received %s + dropped %s (%s)", received, dropped,
          obs.selfMetrics().snapshot()).isEqualTo(SPANS);
      if (fault != Fault.ACCEPT) {
        assertThat(dropped).isEqualTo(SPANS);
      }
    }
  }
}
