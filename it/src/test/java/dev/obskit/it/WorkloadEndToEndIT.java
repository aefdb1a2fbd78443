package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.api.Observability;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.PrometheusLauncher;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.FreePorts;
import dev.obskit.it.peers.PrometheusPeer;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.Json;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.PromSamples;
import dev.obskit.it.readback.PromSamples.Sample;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.readback.ZipkinSpans;
import dev.obskit.it.sdk.ItSdk;
import dev.obskit.it.workload.QuestionWorkload;
import dev.obskit.it.workload.WorkloadRun;
import dev.obskit.it.workload.WorkloadTraceAssert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The workload runs once through one SDK instance routed the way a service migrating from the raw SDKs typically routes:
 * errors to Sentry (a real Spotlight through the DSN), traces to OpenTelemetry exported to a real
 * Zipkin, metrics to OpenTelemetry scraped by a real Prometheus, events to both. Each test reads
 * one peer back (the last one reads two) and compares with what the workload recorded.
 */
@RequiresPeers({Peer.PROMETHEUS, Peer.ZIPKIN, Peer.SPOTLIGHT})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadEndToEndIT {
  private static final String SERVICE = "it-question-service";
  /** Prometheus scrapes its targets only ~5 s after it is ready (see it/peers/README.md). */
  private static final Duration FIRST_SCRAPE = Duration.ofSeconds(20);
  private static final Duration ARRIVAL = Duration.ofSeconds(20);

  private Observability obs;
  private WorkloadRun run;
  private ZipkinPeer zipkin;
  private SpotlightPeer spotlight;
  private PrometheusPeer prometheus;

  @BeforeAll
  void runWorkloadOnce(ZipkinPeer zipkin, SpotlightPeer spotlight, PrometheusLauncher launcher) {
    this.zipkin = zipkin;
    this.spotlight = spotlight;
    int exporterPort = FreePorts.pick();
    obs = ItSdk.service(SERVICE)
        .errorsToSentry(spotlight.dsn())
        .tracesToZipkin(zipkin.endpoint())
        .metricsToPrometheus(exporterPort)
        .events("sentry", "otel")
        .build();
    run = QuestionWorkload.run(obs);
    assertThat(obs.flush(Duration.ofSeconds(15))).as("flush within its deadline").isTrue();
    // The exporter is bound now: Prometheus can scrape it from its first cycle.
    prometheus = launcher.start(List.of("127.0.0.1:" + exporterPort));
  }

  @AfterAll
  void closeSdk() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(10));
    }
  }

  @Test
  void counterHistogramAndGaugesAreWhatPrometheusScraped() {
    assertThat(value("questions_generated_total{type=\"math\"}")).isEqualTo(QuestionWorkload.GENERATED_MATH);
    assertThat(value("questions_generated_total{type=\"text\"}")).isEqualTo(QuestionWorkload.GENERATED_TEXT);

    // Unit "ms" becomes the _milliseconds suffix; buckets are the workload's explicit boundaries.
    Map<Double, Double> buckets = new TreeMap<>();
    for (Sample s : samples("generation_duration_milliseconds_bucket{type=\"math\"}")) {
      buckets.put(PromSamples.parseLe(s.labels().get("le")), s.value());
    }
    double[] bounds = QuestionWorkload.DURATION_BUCKETS;
    for (int i = 0; i < bounds.length; i++) {
      assertThat(buckets).as("cumulative count of bucket le=%s in %s", bounds[i], buckets)
          .containsEntry(bounds[i], (double) QuestionWorkload.DURATION_CUMULATIVE[i]);
    }
    assertThat(buckets).as("le=+Inf").containsEntry(Double.POSITIVE_INFINITY, (double) QuestionWorkload.DURATIONS_MS.length);
    assertThat(buckets).as("exactly the configured boundaries plus +Inf").hasSize(bounds.length + 1);
    assertThat(value("generation_duration_milliseconds_count{type=\"math\"}")).isEqualTo(QuestionWorkload.DURATIONS_MS.length);
    assertThat(value("generation_duration_milliseconds_sum{type=\"math\"}")).isEqualTo(QuestionWorkload.DURATION_SUM);

    assertThat(value("queue_depth{queue=\"main\"}")).as("synchronous gauge: last value").isEqualTo(QuestionWorkload.QUEUE_DEPTH_LAST);
    assertThat(value("items_in_flight")).as("up-down counter").isEqualTo(QuestionWorkload.IN_FLIGHT_VALUE);
    assertThat(value("judge_pool_size{pool=\"judge\"}")).as("callback gauge").isEqualTo(QuestionWorkload.POOL_SIZE_VALUE);

    assertThat(samples("target_info")).as("resource attributes reach Prometheus as target_info")
        .anySatisfy(s -> assertThat(s.labels()).containsEntry("service_name", SERVICE)
            .containsEntry("service_version", ItSdk.SERVICE_VERSION).containsEntry("deployment_environment_name", "it"));
  }

  @Test
  void traceIsReadBackWholeFromZipkin() {
    WorkloadTraceAssert.assertWorkloadTrace(zipkinTrace(), run, SERVICE, true);
  }

  @Test
  void errorReachesSpotlightWithItsContextAndWithoutTheSecret() {
    SpotlightPeer.Envelope envelope = errorEnvelope();
    JsonNode event = SentryEnvelope.parse(envelope.json()).first("event").orElseThrow();
    String eventText = event.toString();

    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(event.path("environment").asText()).isEqualTo("it");
    assertThat(event.path("release").asText()).as("release = service@version").isEqualTo(SERVICE + "@" + ItSdk.SERVICE_VERSION);
    JsonNode exception = event.path("exception").path("values").path(0);
    assertThat(exception.path("type").asText()).as("exception in %s", Json.abbreviate(eventText)).contains("EvaluationException");
    assertThat(exception.path("value").asText()).isEqualTo(run.errorMessage());
    assertThat(exception.path("stacktrace").path("frames").size()).as("stack frames").isPositive();

    assertThat(Json.findFields(event, (k, v) -> k.equals("provider") && v.asText().equals(QuestionWorkload.CONTEXT_PROVIDER)))
        .as("context provider=openai somewhere in the event: %s", Json.abbreviate(eventText)).isNotEmpty();
    assertThat(Json.findFields(event, (k, v) -> k.equals("question_id") && v.asText().equals(QuestionWorkload.CONTEXT_QUESTION)))
        .as("context question_id=q-2 somewhere in the event: %s", Json.abbreviate(eventText)).isNotEmpty();

    // The envelope byte for byte as the Sentry SDK sent it: the secret never left the process.
    String raw = spotlight.rawEnvelope(envelope.id());
    assertThat(raw).as("raw envelope").contains(run.errorMessage()).doesNotContain(run.secret())
        .as("send_default_pii is off: the user's email stays home").doesNotContain(QuestionWorkload.USER_EMAIL);
    assertThat(event.path("user").path("id").asText()).as("user id").isEqualTo(QuestionWorkload.USER_ID);
    assertThat(event.path("tags").path(QuestionWorkload.REGION_TAG).asText()).as("tag").isEqualTo(QuestionWorkload.REGION);
    assertThat(Json.findFields(event, (k, v) -> k.equals("password")))
        .as("a password key, if kept, is filtered").allSatisfy(e -> assertThat(e.getValue().asText()).isEqualTo("[Filtered]"));

    assertThat(event.path("breadcrumbs").toString()).as("the event routed to sentry is a breadcrumb")
        .contains(QuestionWorkload.STAGE_DONE_EVENT);
  }

  /**
   * The cross-backend guarantee, end to end: the error Spotlight received names the trace and the
   * span that Zipkin holds for the failing stage.
   */
  @Test
  void errorInSpotlightCarriesTheTraceAndSpanIdsZipkinHolds() {
    ObservedSpan evaluate = zipkinTrace().stream()
        .filter(s -> s.name().equals(QuestionWorkload.EVALUATE)).findFirst().orElseThrow();
    SentryEnvelope envelope = SentryEnvelope.parse(errorEnvelope().json());
    JsonNode trace = envelope.first("event").orElseThrow().path("contexts").path("trace");

    assertThat(trace.path("trace_id").asText()).as("event contexts.trace.trace_id").isEqualTo(evaluate.traceId());
    assertThat(trace.path("span_id").asText()).as("event contexts.trace.span_id").isEqualTo(evaluate.spanId());
    assertThat(envelope.header().path("trace").path("trace_id").asText())
        .as("envelope header trace.trace_id (Sentry's dynamic sampling context)").isEqualTo(evaluate.traceId());
    assertThat(evaluate.traceId()).isEqualTo(run.traceId());
    assertThat(evaluate.spanId()).isEqualTo(run.errorSpanId());
  }

  private List<ObservedSpan> zipkinTrace() {
    return ZipkinSpans.parse(zipkin.awaitTrace(run.traceId(), 5, ARRIVAL));
  }

  private SpotlightPeer.Envelope errorEnvelope() {
    return spotlight.awaitEnvelope(e -> e.contains(run.errorMessage())
        && SentryEnvelope.parse(e.json()).has("event"), ARRIVAL);
  }

  private List<Sample> samples(String promql) {
    return PromSamples.parse(prometheus.awaitNonEmpty(promql, FIRST_SCRAPE));
  }

  private double value(String promql) {
    List<Sample> samples = samples(promql);
    assertThat(samples).as("one series for %s", promql).hasSize(1);
    return samples.get(0).value();
  }
}
