package dev.obskit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.obskit.api.Observability;
import dev.obskit.it.readback.ObservedSpan;
import dev.obskit.it.readback.OtlpJson;
import dev.obskit.it.readback.OtlpJson.Point;
import dev.obskit.it.readback.Poll;
import dev.obskit.it.sdk.ItSdk;
import dev.obskit.it.workload.QuestionWorkload;
import dev.obskit.it.workload.WorkloadRun;
import dev.obskit.it.workload.WorkloadTraceAssert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same workload, exported over OTLP http/protobuf to a real OpenTelemetry Collector (contrib
 * distribution) in a container. The Collector writes what it received with its {@code file}
 * exporter (OTLP/JSON, one request per line); the test copies that file out and makes the same
 * assertions as against Zipkin and Prometheus.
 *
 * <p>Needs Docker. Without a Docker engine the class is skipped, and Testcontainers logs why.
 */
@Testcontainers(disabledWithoutDocker = true)
class CollectorOtlpIT {
  private static final String IMAGE = "otel/opentelemetry-collector-contrib:0.120.0";
  private static final int OTLP_HTTP = 4318;
  private static final int HEALTH = 13133;
  private static final String EXPORT_FILE = "/otlp-export.jsonl";
  private static final String SERVICE = "it-collector-service";
  private static final String CONFIG = String.join("\n",
      "extensions:",
      "  health_check:",
      "    endpoint: 0.0.0.0:" + HEALTH,
      "receivers:",
      "  otlp:",
      "    protocols:",
      "      http:",
      "        endpoint: 0.0.0.0:" + OTLP_HTTP,
      "exporters:",
      "  file:",
      "    path: " + EXPORT_FILE,
      "    flush_interval: 100ms",
      "service:",
      "  extensions: [health_check]",
      "  pipelines:",
      "    traces:",
      "      receivers: [otlp]",
      "      exporters: [file]",
      "    metrics:",
      "      receivers: [otlp]",
      "      exporters: [file]",
      "");

  @Container
  private static final GenericContainer<?> COLLECTOR = new GenericContainer<>(DockerImageName.parse(IMAGE))
      .withCopyToContainer(Transferable.of(CONFIG), "/etc/otelcol-contrib/config.yaml")
      .withExposedPorts(OTLP_HTTP, HEALTH)
      .withCreateContainerCmdModifier(cmd -> {
        // The image runs as an unprivileged user on an empty root file system; as root the file
        // exporter can create its output file, which the test then copies out.
        cmd.withUser("0:0");
        // Publish on the host's loopback only: Testcontainers publishes every exposed port on
        // every interface by default.
        cmd.getHostConfig().withPublishAllPorts(false).withPortBindings(loopback(OTLP_HTTP), loopback(HEALTH));
      })
      .waitingFor(Wait.forHttp("/").forPort(HEALTH).forStatusCode(200))
      .withStartupTimeout(Duration.ofMinutes(3));

  private static PortBinding loopback(int containerPort) {
    return new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(containerPort));
  }

  @Test
  void workloadArrivesWholeOverOtlp() {
    String endpoint = "http://127.0.0.1:" + COLLECTOR.getMappedPort(OTLP_HTTP);
    Observability obs = ItSdk.service(SERVICE).tracesAndMetricsToOtlp(endpoint).events("otel").build();
    WorkloadRun run;
    try {
      run = QuestionWorkload.run(obs);
      assertThat(obs.flush(Duration.ofSeconds(15))).as("flush within its deadline").isTrue();
    } finally {
      obs.close(Duration.ofSeconds(15));
    }

    String exported;
    try {
      exported = Poll.until("the workload's trace and metrics in " + EXPORT_FILE, CollectorOtlpIT::exportFile,
          text -> spansOf(text, run).size() >= 5
              && OtlpJson.points(text).stream().anyMatch(p -> p.metric().equals(QuestionWorkload.QUEUE_DEPTH)),
          Duration.ofSeconds(30));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- collector log ---\n" + COLLECTOR.getLogs(), e);
    }

    WorkloadTraceAssert.assertWorkloadTrace(spansOf(exported, run), run, SERVICE, true);

    List<Point> points = OtlpJson.points(exported);
    assertThat(last(points, QuestionWorkload.QUESTIONS_GENERATED, Map.of("type", "math")).value())
        .isEqualTo(QuestionWorkload.GENERATED_MATH);
    assertThat(last(points, QuestionWorkload.QUESTIONS_GENERATED, Map.of("type", "text")).value())
        .isEqualTo(QuestionWorkload.GENERATED_TEXT);
    Point histogram = last(points, QuestionWorkload.GENERATION_DURATION, Map.of("type", "math"));
    assertThat(histogram.type()).isEqualTo("histogram");
    assertThat(histogram.unit()).isEqualTo(QuestionWorkload.GENERATION_DURATION_UNIT);
    assertThat(histogram.count()).isEqualTo(QuestionWorkload.DURATIONS_MS.length);
    assertThat(histogram.sum()).isEqualTo(QuestionWorkload.DURATION_SUM);
    assertThat(histogram.bounds()).containsExactly(10.0, 50.0, 100.0);
    assertThat(histogram.bucketCounts()).as("per-bucket (not cumulative) counts").containsExactly(1L, 1L, 1L, 0L);
    Point gauge = last(points, QuestionWorkload.QUEUE_DEPTH, Map.of("queue", "main"));
    assertThat(gauge.type()).isEqualTo("gauge");
    assertThat(gauge.value()).isEqualTo(QuestionWorkload.QUEUE_DEPTH_LAST);
    assertThat(last(points, QuestionWorkload.IN_FLIGHT, Map.of()).value()).isEqualTo(QuestionWorkload.IN_FLIGHT_VALUE);
    assertThat(last(points, QuestionWorkload.POOL_SIZE, Map.of("pool", "judge")).value())
        .isEqualTo(QuestionWorkload.POOL_SIZE_VALUE);
  }

  private static List<ObservedSpan> spansOf(String exported, WorkloadRun run) {
    return OtlpJson.spans(exported).stream().filter(s -> s.traceId().equals(run.traceId())).collect(Collectors.toList());
  }

  /** The last exported point of {@code metric} with exactly {@code attributes} (later exports repeat cumulative values). */
  private static Point last(List<Point> points, String metric, Map<String, String> attributes) {
    List<Point> matching = points.stream()
        .filter(p -> p.metric().equals(metric) && p.attributes().equals(attributes)).collect(Collectors.toList());
    assertThat(matching).as("points of %s%s among %s", metric, attributes,
        points.stream().map(p -> p.metric() + p.attributes()).distinct().collect(Collectors.toList())).isNotEmpty();
    return matching.get(matching.size() - 1);
  }

  /** The Collector's output so far; empty until its file exporter wrote the first line. */
  private static String exportFile() {
    try {
      return COLLECTOR.copyFileFromContainer(EXPORT_FILE, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return "";
    }
  }
}
