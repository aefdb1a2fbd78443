package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.it.junit.Peer;
import dev.obskit.it.junit.RequiresPeers;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import dev.obskit.it.readback.SentryEnvelope;
import dev.obskit.it.readback.ZipkinSpans;
import dev.obskit.it.sdk.ItSdk;
import dev.obskit.it.workload.QuestionWorkload;
import dev.obskit.it.workload.WorkloadRun;
import dev.obskit.it.workload.WorkloadTraceAssert;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost at a clean shutdown: the workload's last spans and its error are still in the
 * SDK's queues when {@code close(Duration)} is called (no flush before), and they all reach the
 * real peers.
 */
@RequiresPeers({Peer.ZIPKIN, Peer.SPOTLIGHT})
class CleanShutdownIT {
  private static final String SERVICE = "it-clean-shutdown";

  @Test
  void closeDeliversEverythingAcceptedBeforeIt(ZipkinPeer zipkin, SpotlightPeer spotlight) {
    Observability obs = ItSdk.service(SERVICE).errorsToSentry(spotlight.dsn())
        .tracesToZipkin(zipkin.endpoint()).slowTraceExport().build();
    WorkloadRun run = QuestionWorkload.run(obs);
    assertThat(obs.close(Duration.ofSeconds(15))).as("close within its deadline").isTrue();

    WorkloadTraceAssert.assertWorkloadTrace(ZipkinSpans.parse(zipkin.awaitTrace(run.traceId(), 5, Duration.ofSeconds(20))),
        run, SERVICE, false);
    SentryEnvelope error = SentryEnvelope.parse(spotlight.awaitEnvelope(e -> e.contains(run.errorMessage())
        && SentryEnvelope.parse(e.json()).has("event"), Duration.ofSeconds(20)).json());
    assertThat(error.first("event").orElseThrow().path("contexts").path("trace").path("trace_id").asText())
        .isEqualTo(run.traceId());
  }
}
