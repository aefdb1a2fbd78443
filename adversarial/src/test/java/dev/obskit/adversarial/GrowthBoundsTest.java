package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Counter;
import dev.obskit.api.Observability;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.sentry.SentryTestServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Class 5 of the reliability issue: every structure that grows with application behaviour has a
 * bound and a counter. Heap is measured after full collections, so the bounds are about what is
 * retained, not about garbage.
 */
class GrowthBoundsTest {
  private static final int NEVER_ENDED = 60_000;

  private static long retainedHeap() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void rawOpenTelemetrySpansNeverEndedDoNotAccumulateWithTracesBoth() {
    GlobalOpenTelemetry.resetForTest();
    try (SentryTestServer sentry = SentryTestServer.start(); LogRecords logs = new LogRecords()) {
      Observability obs = Sdks.sentryAndOtel(sentry.dsn()).set("otel.register_global", true).build();
      try {
        Tracer tracer = GlobalOpenTelemetry.getTracer("library");
        long before = retainedHeap();
        for (int i = 0; i < NEVER_ENDED; i++) {
          tracer.spanBuilder("leaked " + i).startSpan(); // never ended, as a buggy library does
        }
        long grown = retainedHeap() - before;
        // 60 000 spans at ~2.5 KB each would be ~150 MB; the bound keeps the newest 10 000.
        assertThat(grown).as("retained heap growth in bytes").isLessThan(48L * 1024 * 1024);
        assertThat(obs.selfMetrics().get("otel.dropped.open_foreign_span_limit"))
            .isEqualTo(NEVER_ENDED - 10_000L);
        // Warned about once, not silently.
        assertThat(logs.messages(java.util.logging.Level.WARNING))
            .anyMatch(m -> m.contains("otel.dropped.open_foreign_span_limit"));
      } finally {
        obs.close(Duration.ofSeconds(2));
        GlobalOpenTelemetry.resetForTest();
      }
    }
  }

  @Test
  void metricNamesAreCappedAndCountedBeyondTheLimit() {
    Observability obs = ObservabilitySdk.builder().environmentVariables(Map.of())
        .configYaml("routing: {metrics: otel, errors: none, events: none, traces: none}\n"
            + "otel: {metrics: {exporter: none}}\nlimits: {max_metric_names: 500}\n")
        .build();
    try {
      for (int i = 0; i < 2_000; i++) {
        Counter c = obs.counter("generated.name." + i);
        c.add(1);
      }
      assertThat(obs.selfMetrics().get("dropped.metric_name_limit")).isEqualTo(1_500);
      // A name created before the limit keeps working; a new one after it drops each measurement.
      obs.counter("generated.name.1").add(1);
      obs.counter("generated.name.1999").add(1);
      assertThat(obs.selfMetrics().get("dropped.metric_name_limit")).isEqualTo(1_501);
    } finally {
      obs.close(Duration.ofSeconds(2));
    }
  }
}
