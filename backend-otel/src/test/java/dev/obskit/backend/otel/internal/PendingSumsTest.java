package dev.obskit.backend.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.MetricType;
import dev.obskit.core.internal.SelfMetricsRegistry;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counters pre-aggregate between collections ({@link PendingSums}); against the real SDK, each
 * collection must still see every addition made before it, exactly once, for either temporality,
 * and exemplars must still come from sampled spans. Recordings go through the series
 * {@link MetricInstrument#bind} returns, as the core makes them.
 */
class PendingSumsTest {
  private static final Labels GET = Labels.of("route", "/get");
  private static final Attributes GET_ATTRIBUTES = Attributes.of(AttributeKey.stringKey("route"), "/get");

  private SdkMeterProvider provider;
  private ManualReader reader;
  private OtelMetricSink sink;

  private void start(AggregationTemporality temporality) {
    start(SdkMeterProvider.builder(), temporality);
  }

  private void start(SdkMeterProviderBuilder builder, AggregationTemporality temporality) {
    reader = new ManualReader(temporality);
    provider = builder.registerMetricReader(reader).build();
    sink = new OtelMetricSink(provider.get("test"), new SelfMetricsRegistry());
  }

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
  }

  private MetricInstrument instrument(String name, MetricType type) {
    return sink.instrument(InstrumentDescriptor.of(name, type, InstrumentOptions.defaults()));
  }

  /** The series the core would bind for {@code labels}. */
  private MetricInstrument.Series series(String name, MetricType type, Labels labels) {
    return instrument(name, type).bind(labels);
  }

  @Test
  void aCollectionSeesEveryAdditionMadeBeforeIt() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument requests = instrument("requests", MetricType.COUNTER);
    MetricInstrument.Series get = requests.bind(GET);
    get.record(2);
    get.record(3);
    requests.record(1, Labels.empty()); // unbound: straight to the SDK

    Collection<MetricData> first = reader.collect();
    assertThat(sums(first, "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 5.0, Attributes.empty(), 1.0));
    assertThat(first).extracting(MetricData::getName).doesNotContain(PendingSums.ANCHOR);

    get.record(4);
    assertThat(sums(reader.collect(), "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 9.0, Attributes.empty(), 1.0));
  }

  @Test
  void deltaTemporalityReportsEachIntervalOnce() {
    start(AggregationTemporality.DELTA);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    requests.record(2);
    assertThat(sums(reader.collect(), "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 2.0));
    assertThat(sums(reader.collect(), "requests")).as("an interval with no additions").isEmpty();
    requests.record(7);
    assertThat(sums(reader.collect(), "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 7.0));
  }

  @Test
  void anUpDownCounterThatCameBackToZeroIsStillReported() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument.Series inFlight = series("in_flight", MetricType.UP_DOWN_COUNTER, GET);
    inFlight.record(1);
    inFlight.record(-1);
    assertThat(sums(reader.collect(), "in_flight")).isEqualTo(Map.of(GET_ATTRIBUTES, 0.0));
    inFlight.record(-2);
    assertThat(sums(reader.collect(), "in_flight")).isEqualTo(Map.of(GET_ATTRIBUTES, -2.0));
  }

  @Test
  void equalLabelSetsOfDifferentInstancesShareOneSeries() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument requests = instrument("requests", MetricType.COUNTER);
    // Bound twice each (the core binds once per label set; a second binding must not split a series).
    for (int i = 0; i < 2; i++) {
      MetricInstrument.Series get = requests.bind(Labels.of("route", "/get"));
      MetricInstrument.Series post = requests.bind(Labels.of("route", "/post"));
      for (int j = 0; j < 5; j++) {
        get.record(1);
        post.record(1);
      }
    }
    assertThat(sums(reader.collect(), "requests")).isEqualTo(Map.of(
        GET_ATTRIBUTES, 10.0, Attributes.of(AttributeKey.stringKey("route"), "/post"), 10.0));
  }

  @Test
  void additionsRacingWithCollectionsAreNeitherLostNorCountedTwice() throws Exception {
    start(AggregationTemporality.DELTA);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    int threads = 2;
    int perThread = 200_000;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          requests.record(1);
        }
        done.countDown();
      }, "adder-" + t).start();
    }
    double total = 0;
    int collections = 0;
    while (!done.await(1, TimeUnit.MILLISECONDS)) {
      total += sums(reader.collect(), "requests").getOrDefault(GET_ATTRIBUTES, 0.0);
      collections++;
    }
    total += sums(reader.collect(), "requests").getOrDefault(GET_ATTRIBUTES, 0.0);
    System.out.printf("%d additions over %d collections%n", threads * perThread, collections + 1);
    assertThat(total).isEqualTo(threads * (double) perThread);
  }

  @Test
  void additionsInASampledSpanKeepTheirExemplarAndOthersHaveNone() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    try (SdkTracerProvider tracing = SdkTracerProvider.builder()
        // Since SDK 1.67 a provider without a span processor hands out a no-op tracer (zero ids).
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()) {
      Span span = tracing.get("test").spanBuilder("work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        requests.record(1);
      } finally {
        span.end();
      }
      requests.record(1);

      List<DoublePointData> points = points(reader.collect(), "requests");
      assertThat(points).hasSize(1);
      assertThat(points.get(0).getValue()).isEqualTo(2.0);
      assertThat(points.get(0).getExemplars())
          .extracting(e -> e.getSpanContext().getTraceId())
          .containsExactly(span.getSpanContext().getTraceId());
    }
  }

  @Test
  void aFlushFromInsideASampledSpanAttachesNoExemplar() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    requests.record(5);
    try (SdkTracerProvider tracing = SdkTracerProvider.builder()
        // Since SDK 1.67 a provider without a span processor hands out a no-op tracer (zero ids).
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()) {
      Span collecting = tracing.get("test").spanBuilder("collect").startSpan();
      List<DoublePointData> points;
      try (Scope ignored = collecting.makeCurrent()) {
        points = points(reader.collect(), "requests");
      } finally {
        collecting.end();
      }
      assertThat(points).extracting(DoublePointData::getValue).containsExactly(5.0);
      assertThat(points.get(0).getExemplars()).as("the flushed sum is not an exemplar of the collecting span").isEmpty();
    }
  }

  @Test
  void eachIntervalOffersTheSdkExemplarsAgainAndBuffersTheRest() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    int perInterval = 3 * PendingSums.EXEMPLAR_OFFERS;
    try (SdkTracerProvider tracing = SdkTracerProvider.builder()
        // Since SDK 1.67 a provider without a span processor hands out a no-op tracer (zero ids).
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()) {
      for (int interval = 1; interval <= 2; interval++) {
        Span span = tracing.get("test").spanBuilder("work-" + interval).startSpan();
        try (Scope ignored = span.makeCurrent()) {
          for (int i = 0; i < perInterval; i++) {
            requests.record(1);
          }
        } finally {
          span.end();
        }
        List<DoublePointData> points = points(reader.collect(), "requests");
        assertThat(points).extracting(DoublePointData::getValue).containsExactly((double) interval * perInterval);
        assertThat(points.get(0).getExemplars()).as("interval %d", interval).isNotEmpty()
            .allSatisfy(e -> assertThat(e.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId()));
      }
    }
  }

  @Test
  void aCumulativeSeriesStartsNoLaterThanItsFirstCollection() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Clock ticking = new Clock() {
      @Override
      public long now() {
        return now.addAndGet(1_000);
      }

      @Override
      public long nanoTime() {
        return now.addAndGet(1_000);
      }
    };
    start(SdkMeterProvider.builder().setClock(ticking), AggregationTemporality.CUMULATIVE);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    requests.record(1);
    for (DoublePointData point : points(reader.collect(), "requests")) {
      assertThat(point.getStartEpochNanos()).isLessThanOrEqualTo(point.getEpochNanos());
    }
  }

  @Test
  void twoReadersEachSeeEveryAdditionOnce() {
    ManualReader cumulative = new ManualReader(AggregationTemporality.CUMULATIVE);
    start(SdkMeterProvider.builder().registerMetricReader(cumulative), AggregationTemporality.DELTA);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    double deltaTotal = 0;
    for (int round = 1; round <= 5; round++) {
      requests.record(round);
      deltaTotal += sums(reader.collect(), "requests").getOrDefault(GET_ATTRIBUTES, 0.0);
      requests.record(10);
    }
    assertThat(sums(cumulative.collect(), "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 65.0));
    deltaTotal += sums(reader.collect(), "requests").getOrDefault(GET_ATTRIBUTES, 0.0);
    assertThat(deltaTotal).isEqualTo(65.0);
    assertThat(sums(cumulative.collect(), "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 65.0));
  }

  @Test
  void allSeriesAreHandedOverAtShutdown() {
    start(AggregationTemporality.CUMULATIVE);
    MetricInstrument.Series requests = series("requests", MetricType.COUNTER, GET);
    requests.record(3);
    provider.shutdown().join(5, TimeUnit.SECONDS);
    assertThat(sums(reader.lastAtShutdown, "requests")).isEqualTo(Map.of(GET_ATTRIBUTES, 3.0));
  }

  private static List<DoublePointData> points(Collection<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getDoubleSumData().getPoints().stream()).collect(Collectors.toList());
  }

  private static Map<Attributes, Double> sums(Collection<MetricData> metrics, String name) {
    return points(metrics, name).stream().collect(Collectors.toMap(DoublePointData::getAttributes, DoublePointData::getValue));
  }

  /** A reader collected by the test; collects once more on shutdown, as exporting readers do. */
  private static final class ManualReader implements MetricReader {
    private final AggregationTemporality temporality;
    private volatile CollectionRegistration registration = CollectionRegistration.noop();
    volatile Collection<MetricData> lastAtShutdown = List.of();

    ManualReader(AggregationTemporality temporality) {
      this.temporality = temporality;
    }

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return temporality;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      lastAtShutdown = collect();
      return CompletableResultCode.ofSuccess();
    }
  }
}
