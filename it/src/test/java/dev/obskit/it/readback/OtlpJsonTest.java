package dev.obskit.it.readback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.it.readback.OtlpJson.Point;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link OtlpJson} reads what the Collector's file exporter writes in {@code CollectorOtlpIT},
 * which cannot run without Docker. Here it reads real OTLP/JSON produced by OpenTelemetry's own
 * OTLP/JSON marshalers (those of the SDK in use, which the {@code logging-otlp} exporters call;
 * that module is not served beyond 1.63.0, whose build no longer links with 1.68's marshalers):
 * lowercase hex ids, integer enums, 64-bit integers as strings, the same protobuf JSON mapping the
 * Collector uses. One export request per line is the file exporter's line format.
 */
class OtlpJsonTest {
  private static final Resource RESOURCE = Resource.getDefault().merge(
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "otlp-json-test")));

  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** One export request as one JSON line. */
  private void write(Marshaler request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      request.writeJsonTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lines.add(out.toString(StandardCharsets.UTF_8));
  }

  private final SpanExporter spanLines = new SpanExporter() {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      write(TraceRequestMarshaler.create(spans));
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  };

  private final MetricExporter metricLines = new MetricExporter() {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      write(MetricsRequestMarshaler.create(metrics));
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  };

  @Test
  void readsSpansAsTheCollectorWritesThem() {
    String traceId;
    String rootId;
    String childId;
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(spanLines)).build()) {
      Tracer tracer = provider.get("test");
      Span root = tracer.spanBuilder("pipeline.run").setAttribute("items", 3L).startSpan();
      try (Scope ignored = root.makeCurrent()) {
        Span child = tracer.spanBuilder("evaluate").setSpanKind(SpanKind.CLIENT)
            .setAttribute("judge", "strict").setAttribute("ok", false).setAttribute("score", 0.5).startSpan();
        child.addEvent("pipeline.stage_done");
        child.setStatus(StatusCode.ERROR, "rejected");
        childId = child.getSpanContext().getSpanId();
        child.end();
      }
      traceId = root.getSpanContext().getTraceId();
      rootId = root.getSpanContext().getSpanId();
      root.end();
    }

    List<ObservedSpan> spans = OtlpJson.spans(wrapped("resourceSpans"));
    Map<String, ObservedSpan> byName = spans.stream().collect(Collectors.toMap(ObservedSpan::name, s -> s));
    assertThat(byName).containsOnlyKeys("pipeline.run", "evaluate");
    ObservedSpan root = byName.get("pipeline.run");
    ObservedSpan child = byName.get("evaluate");
    assertThat(root.traceId()).isEqualTo(traceId);
    assertThat(root.spanId()).isEqualTo(rootId);
    assertThat(root.isRoot()).isTrue();
    assertThat(root.kind()).isEqualTo("INTERNAL");
    assertThat(root.serviceName()).isEqualTo("otlp-json-test");
    assertThat(root.attributes()).containsEntry("items", "3");
    assertThat(root.error()).isFalse();
    assertThat(child.spanId()).isEqualTo(childId);
    assertThat(child.parentId()).isEqualTo(rootId);
    assertThat(child.kind()).isEqualTo("CLIENT");
    assertThat(child.attributes()).containsEntry("judge", "strict").containsEntry("ok", "false").containsEntry("score", "0.5");
    assertThat(child.events()).containsExactly("pipeline.stage_done");
    assertThat(child.error()).isTrue();
    assertThat(child.statusMessage()).isEqualTo("rejected");
  }

  @Test
  void readsMetricPointsAsTheCollectorWritesThem() {
    PeriodicMetricReader reader = PeriodicMetricReader.create(metricLines);
    try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE).registerMetricReader(reader).build()) {
      var meter = provider.get("test");
      Attributes math = Attributes.of(AttributeKey.stringKey("type"), "math");
      var counter = meter.counterBuilder("questions.generated").ofDoubles().build();
      counter.add(2, math);
      counter.add(1, math);
      var histogram = meter.histogramBuilder("generation.duration").setUnit("ms")
          .setExplicitBucketBoundariesAdvice(List.of(10.0, 50.0, 100.0)).build();
      histogram.record(5, math);
      histogram.record(20, math);
      histogram.record(70, math);
      meter.gaugeBuilder("queue.depth").build().set(7, Attributes.of(AttributeKey.stringKey("queue"), "main"));
      meter.upDownCounterBuilder("items.in_flight").build().add(2);
      provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    List<Point> points = OtlpJson.points(wrapped("resourceMetrics"));
    assertThat(point(points, "questions.generated").value()).isEqualTo(3.0);
    assertThat(point(points, "questions.generated").type()).isEqualTo("sum");
    assertThat(point(points, "questions.generated").attributes()).isEqualTo(Map.of("type", "math"));
    Point histogram = point(points, "generation.duration");
    assertThat(histogram.type()).isEqualTo("histogram");
    assertThat(histogram.unit()).isEqualTo("ms");
    assertThat(histogram.count()).isEqualTo(3);
    assertThat(histogram.sum()).isEqualTo(95.0);
    assertThat(histogram.bounds()).containsExactly(10.0, 50.0, 100.0);
    assertThat(histogram.bucketCounts()).containsExactly(1L, 1L, 1L, 0L);
    assertThat(point(points, "queue.depth").type()).isEqualTo("gauge");
    assertThat(point(points, "queue.depth").value()).isEqualTo(7.0);
    assertThat(point(points, "items.in_flight").value()).as("an integer point (asInt, a JSON string)").isEqualTo(2.0);
  }

  private static Point point(List<Point> points, String metric) {
    return points.stream().filter(p -> p.metric().equals(metric)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + metric + " in " + points));
  }

  /** The written lines in the Collector file exporter's shape: one export request per line. */
  private String wrapped(String field) {
    assertThat(lines).as("exporter output").isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"" + field + "\":["));
    return String.join("\n", lines);
  }
}
