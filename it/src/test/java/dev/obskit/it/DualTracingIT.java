package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obskit.api.Observability;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.Json;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.readback.ZipkinSpans;
import dev.obskit.it.sdk.ItSdk;
import dev.obskit.it.workload.QuestionWorkload;
import dev.obskit.it.workload.WorkloadRun;
import dev.obskit.it.workload.WorkloadTraceAssert;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code traces: both}: OpenTelemetry is the primary (exported to a real Zipkin) and every span
 * is mirrored into Sentry (a real Spotlight). The Sentry transaction tree must carry exactly the
 * ids Zipkin holds, and the error must point into both.
 */
@RequiresPeers({Peer.ZIPKIN, Peer.SPOTLIGHT})
class DualTracingIT {
  private static final String SERVICE = "it-dual-tracing";
  private static final Duration ARRIVAL = Duration.ofSeconds(20);

  @Test
  void sentryTransactionHasTheIdsZipkinHolds(ZipkinPeer zipkin, SpotlightPeer spotlight) {
    Observability obs = ItSdk.service(SERVICE)
        .errorsToSentry(spotlight.dsn())
        .tracesToZipkin(zipkin.endpoint())
        .tracesAlsoToSentry()
        .build();
    WorkloadRun run;
    try {
      run = QuestionWorkload.run(obs);
      assertThat(obs.flush(Duration.ofSeconds(15))).as("flush within its deadline").isTrue();
    } finally {
      obs.close(Duration.ofSeconds(10));
    }

    List<ObservedSpan> zipkinSpans = ZipkinSpans.parse(zipkin.awaitTrace(run.traceId(), 5, ARRIVAL));
    WorkloadTraceAssert.assertWorkloadTrace(zipkinSpans, run, SERVICE, false);
    Map<String, ObservedSpan> zipkinByName = new HashMap<>();
    zipkinSpans.forEach(s -> zipkinByName.put(s.name(), s));
    ObservedSpan root = zipkinByName.get(QuestionWorkload.ROOT);

    SentryEnvelope envelope = SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(run.traceId())
        && SentryEnvelope.parse(e.json()).has("transaction"), ARRIVAL).json());
    JsonNode transaction = envelope.first("transaction").orElseThrow();
    String text = Json.abbreviate(transaction.toString());
    JsonNode trace = transaction.path("contexts").path("trace");
    assertThat(transaction.path("transaction").asText()).as("transaction name: %s", text).isEqualTo(QuestionWorkload.ROOT);
    assertThat(trace.path("trace_id").asText()).as("transaction trace id").isEqualTo(root.traceId());
    assertThat(trace.path("span_id").asText()).as("transaction span id = Zipkin root span id").isEqualTo(root.spanId());
    assertThat(envelope.header().path("trace").path("trace_id").asText()).isEqualTo(root.traceId());

    Map<String, JsonNode> sentrySpans = new HashMap<>();
    transaction.path("spans").forEach(s -> sentrySpans.put(s.path("span_id").asText(), s));
    assertThat(sentrySpans.keySet()).as("child span ids in the transaction: %s", text)
        .containsExactlyInAnyOrder(QuestionWorkload.CHILDREN.stream().map(n -> zipkinByName.get(n).spanId()).toArray(String[]::new));
    for (String child : QuestionWorkload.CHILDREN) {
      JsonNode span = sentrySpans.get(zipkinByName.get(child).spanId());
      assertThat(span.path("trace_id").asText()).as("%s trace id", child).isEqualTo(root.traceId());
      assertThat(span.path("parent_span_id").asText()).as("%s parent", child).isEqualTo(root.spanId());
      assertThat(span.path("description").asText()).as("%s description", child).isEqualTo(child);
    }
    JsonNode evaluate = sentrySpans.get(zipkinByName.get(QuestionWorkload.EVALUATE).spanId());
    assertThat(evaluate.path("status").asText()).as("failed stage status in Sentry").isEqualTo("internal_error");
    assertThat(sentrySpans.get(zipkinByName.get(QuestionWorkload.GENERATE).spanId()).path("data").path("difficulty").asText())
        .as("attributes become span data").isEqualTo("hard");

    JsonNode error = SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(run.errorMessage())
        && SentryEnvelope.parse(e.json()).has("event"), ARRIVAL).json()).first("event").orElseThrow();
    assertThat(error.path("contexts").path("trace").path("trace_id").asText()).isEqualTo(root.traceId());
    assertThat(error.path("contexts").path("trace").path("span_id").asText())
        .isEqualTo(zipkinByName.get(QuestionWorkload.EVALUATE).spanId());
  }
}
