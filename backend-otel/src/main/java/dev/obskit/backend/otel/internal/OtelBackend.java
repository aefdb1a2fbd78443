package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code otel} backend: one OpenTelemetry SDK instance (tracer, meter and logger providers with the
 * configured exporters) behind the obskit sinks. Not registered as {@code GlobalOpenTelemetry}
 * unless {@code otel.register_global: true}.
 */
public final class OtelBackend implements Backend {
  /** The instrumentation scope of facade spans and metrics. */
  static final String SCOPE = "dev.obskit";

  private final OtelSettings settings;
  private final OpenTelemetrySdk sdk;
  private final SdkTracerProvider tracerProvider;
  private final SdkMeterProvider meterProvider;
  private final AdmissionGuard admission;
  private final CountingSpanExporter countingSpanExporter;
  private CountingMetricExporter countingMetricExporter;
  private final OtelSpanSink spanSink;
  private final OtelMetricSink metricSink;
  private final EventSink eventSink;
  private final OtelLogs logs;
  private final OtelLogSink logSink;
  private final SelfMetrics selfMetrics;
  private final Map<String, String> description;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  /** Runs the Prometheus server's scrapes (exporter prometheus), so that close can wait for them. */
  private ScrapeExecutor scrapes;

  private OtelBackend(BackendContext context, OtelSettings settings) {
    this.settings = settings;
    this.selfMetrics = context.selfMetrics();
    Resource resource = resource(context, settings);
    Map<String, String> describe = new LinkedHashMap<>();

    boolean traces = context.signals().contains(Signal.TRACES) || context.signals().contains(Signal.EVENTS);
    AdmissionGuard guard = null;
    CountingSpanExporter countingSpans = null;
    ForeignSpanProcessor foreign = new ForeignSpanProcessor(context.logger(), context.selfMetrics());
    if (traces) {
      Sampler sampler = sampler(settings.sampler, settings.samplerRatio);
      // Only a mirror is handed ids and decisions (the core assigns them to mirrors only). The
      // primary keeps the SDK's own random generator: the SDK skips validating the hex ids it
      // generates only for that one (any other generator costs ~15% of a span start).
      boolean mirror = !context.isPrimaryTraceBackend();
      SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
          .setResource(resource)
          .setIdGenerator(mirror ? new StartInProgress.AssigningIdGenerator() : IdGenerator.random())
          .setSampler(mirror ? new StartInProgress.MirrorAwareSampler(sampler) : sampler)
          // Always at least one processor: see ForeignSpanProcessor.
          .addSpanProcessor(foreign);
      SpanExporter exporter = Exporters.spanExporter(settings);
      if (exporter != null) {
        countingSpans = new CountingSpanExporter(exporter, selfMetrics);
        BatchSpanProcessor batch = BatchSpanProcessor.builder(countingSpans)
            .setMaxQueueSize(settings.maxQueueSize)
            .setMaxExportBatchSize(settings.maxExportBatchSize)
            .setScheduleDelay(settings.scheduleDelay)
            .setExporterTimeout(settings.exportTimeout)
            .setMeterProvider(MeterProvider::noop)
            .build();
        guard = new AdmissionGuard(batch, settings.maxQueueSize, selfMetrics);
        countingSpans.setGuard(guard);
        builder.addSpanProcessor(guard);
      }
      tracerProvider = builder.build();
      describe.put("traces.exporter", settings.tracesExporter + traceTarget(settings));
      describe.put("traces.sampler", settings.sampler + (settings.sampler.endsWith("traceidratio")
          ? " " + settings.samplerRatio : ""));
    } else {
      tracerProvider = null;
    }
    this.admission = guard;
    this.countingSpanExporter = countingSpans;

    if (context.signals().contains(Signal.METRICS)) {
      SdkMeterProviderBuilder builder = SdkMeterProvider.builder().setResource(resource);
      settings.histogramBuckets.forEach((name, bounds) -> builder.registerView(
          InstrumentSelector.builder().setName(name).setType(InstrumentType.HISTOGRAM).build(),
          View.builder().setAggregation(Aggregation.explicitBucketHistogram(bounds)).build()));
      MetricReader reader = metricReader(settings, context);
      if (reader != null) {
        builder.registerMetricReader(reader, type -> settings.cardinalityLimit);
      }
      meterProvider = builder.build();
      describe.put("metrics.exporter", settings.metricsExporter + metricTarget(settings));
    } else {
      meterProvider = null;
    }

    if (context.signals().contains(Signal.LOGS)) {
      logs = new OtelLogs(resource, settings, selfMetrics);
      describe.put("logs.exporter", settings.logsExporter + logTarget(settings));
    } else {
      logs = null;
    }

    OpenTelemetrySdkBuilder sdkBuilder = OpenTelemetrySdk.builder()
        .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())));
    if (tracerProvider != null) {
      sdkBuilder.setTracerProvider(tracerProvider);
    }
    if (meterProvider != null) {
      sdkBuilder.setMeterProvider(meterProvider);
    }
    if (logs != null) {
      sdkBuilder.setLoggerProvider(logs.provider());
    }
    sdk = sdkBuilder.build();

    spanSink = context.signals().contains(Signal.TRACES) ? new OtelSpanSink(sdk.getTracer(SCOPE), foreign,
        !context.isPrimaryTraceBackend()) : null;
    metricSink = meterProvider == null ? null : new OtelMetricSink(sdk.getMeter(SCOPE), selfMetrics);
    eventSink = context.signals().contains(Signal.EVENTS)
        ? new OtelEventSink(context.scrubber(), selfMetrics) : null;
    logSink = logs == null ? null : new OtelLogSink(logs.provider());

    Map<String, String> headers = new java.util.TreeMap<>(settings.tracesOtlp.headers());
    headers.putAll(settings.metricsOtlp.headers());
    headers.putAll(settings.logsOtlp.headers());
    if (!headers.isEmpty()) {
      describe.put("otlp.headers", Exporters.maskedHeaders(headers).toString());
    }
    describe.put("resource", resource.getAttributes().toString());
    describe.put("register_global", String.valueOf(settings.registerGlobal));
    if (settings.runtimeMetrics) {
      describe.put("runtime_metrics", context.signals().contains(Signal.METRICS) ? "on (this SDK)"
          : "on (through the facade to routing.metrics)");
    }
    if (settings.registerGlobal) {
      registerGlobal(context);
    }
    this.description = Map.copyOf(describe);
  }

  /** Creates the backend from its configuration section. */
  public static OtelBackend create(BackendContext context) {
    return new OtelBackend(context, OtelSettings.read(context.config()));
  }

  /**
   * The sampler named by {@code otel.traces.sampler} ({@code OTEL_TRACES_SAMPLER}'s names and
   * meaning); {@code ratio} is used by the {@code traceidratio} ones.
   */
  static Sampler sampler(String name, double ratio) {
    switch (name) {
      case "always_on":
        return Sampler.alwaysOn();
      case "always_off":
        return Sampler.alwaysOff();
      case "traceidratio":
        return rootSampler(ratio);
      case "parentbased_always_on":
        return Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off":
        return Sampler.parentBased(Sampler.alwaysOff());
      default:
        return Sampler.parentBased(rootSampler(ratio));
    }
  }

  /**
   * The sampler for root spans. The ends of the range are the SDK's always-on and always-off
   * samplers: the ratio sampler would parse every trace id for the same decision.
   */
  static Sampler rootSampler(double ratio) {
    if (ratio >= 1.0) {
      return Sampler.alwaysOn();
    }
    if (ratio <= 0.0) {
      return Sampler.alwaysOff();
    }
    return Sampler.traceIdRatioBased(ratio);
  }

  private static Resource resource(BackendContext context, OtelSettings settings) {
    Resource base = Resource.getDefault();
    if (settings.resourceDetection) {
      // OpenTelemetry's own detectors; configured attributes and the core's identity win below.
      base = base.merge(io.opentelemetry.instrumentation.resources.HostResource.get())
          .merge(io.opentelemetry.instrumentation.resources.OsResource.get())
          .merge(io.opentelemetry.instrumentation.resources.ProcessResource.get())
          .merge(io.opentelemetry.instrumentation.resources.ProcessRuntimeResource.get())
          .merge(io.opentelemetry.instrumentation.resources.ContainerResource.get());
    }
    var attributes = io.opentelemetry.api.common.Attributes.builder();
    settings.resource.forEach(attributes::put);
    // The core's identity wins over user attributes of the same name.
    attributes.put("service.name", context.serviceName());
    if (!context.serviceVersion().isEmpty()) {
      attributes.put("service.version", context.serviceVersion());
    }
    if (!context.environment().isEmpty()) {
      // Both names: deployment.environment.name is current semantic convention, many backends
      // (and dashboards) still read the older deployment.environment.
      attributes.put("deployment.environment.name", context.environment());
      attributes.put("deployment.environment", context.environment());
    }
    return base.merge(Resource.create(attributes.build()));
  }

  private MetricReader metricReader(OtelSettings settings, BackendContext context) {
    if (settings.metricsExporter.equals("prometheus")) {
      try {
        scrapes = ScrapeExecutor.create();
        return PrometheusHttpServer.builder()
            .setHost(settings.prometheusHost)
            .setPort(settings.prometheusPort)
            .setExecutor(scrapes)
            // Required with an executor of our own (the SDK's reused buffers assume its single
            // thread); a scrape every few seconds allocating its snapshot costs nothing that matters.
            .setMemoryMode(io.opentelemetry.sdk.common.export.MemoryMode.IMMUTABLE_DATA)
            .build();
      } catch (RuntimeException e) {
        context.config().section("prometheus").problem("port", "cannot listen on "
            + settings.prometheusHost + ":" + settings.prometheusPort + ": " + rootMessage(e));
        return null;
      }
    }
    MetricExporter exporter = Exporters.metricExporter(settings);
    if (exporter == null) {
      return null;
    }
    countingMetricExporter = new CountingMetricExporter(exporter, context.selfMetrics());
    return PeriodicMetricReader.builder(countingMetricExporter)
        .setInterval(settings.exportInterval)
        .build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static String traceTarget(OtelSettings s) {
    switch (s.tracesExporter) {
      case "otlp":
        return " (" + s.tracesOtlp.protocol() + " " + s.tracesOtlp.url() + ")";
      case "zipkin":
        return " (" + s.zipkinEndpoint + ")";
      default:
        return "";
    }
  }

  private static String logTarget(OtelSettings s) {
    return s.logsExporter.equals("otlp") ? " (" + s.logsOtlp.protocol() + " " + s.logsOtlp.url() + ")" : "";
  }

  private static String metricTarget(OtelSettings s) {
    switch (s.metricsExporter) {
      case "otlp":
        return " (" + s.metricsOtlp.protocol() + " " + s.metricsOtlp.url() + ", every " + s.exportInterval + ")";
      case "prometheus":
        return " (scrape http://" + s.prometheusHost + ":" + s.prometheusPort + "/metrics)";
      case "logging":
        return " (every " + s.exportInterval + ")";
      default:
        return "";
    }
  }

  private void registerGlobal(BackendContext context) {
    try {
      GlobalOpenTelemetry.set(sdk);
    } catch (IllegalStateException e) {
      context.logger().log(System.Logger.Level.WARNING, "obskit otel: register_global is true but "
          + "GlobalOpenTelemetry was already set (by the OpenTelemetry Java agent, by application "
          + "code, or by an earlier obskit instance: the global cannot be unset, even after close); "
          + "obskit keeps its SDK local. Raw OpenTelemetry code that uses the global keeps using the "
          + "other instance.");
    }
  }

  /** The SDK behind this backend (internal: tests and mixed-instrumentation helpers). */
  public OpenTelemetrySdk openTelemetry() {
    return sdk;
  }

  /**
   * {@code io.opentelemetry.api.OpenTelemetry} (or {@code OpenTelemetrySdk}): this backend's SDK,
   * the one facade spans and metrics live in.
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    return type.isInstance(sdk) ? type.cast(sdk) : null;
  }

  @Override
  public String name() {
    return "otel";
  }

  /** A sink for each signal routed here; errors have no OpenTelemetry counterpart. */
  @Override
  public Sinks sinks() {
    Sinks.Builder sinks = Sinks.builder();
    if (metricSink != null) {
      sinks.metrics(metricSink);
    }
    if (spanSink != null) {
      sinks.traces(spanSink);
    }
    if (eventSink != null) {
      sinks.events(eventSink);
    }
    if (logSink != null) {
      sinks.logs(logSink);
    }
    return sinks.build();
  }

  /**
   * Starts the JVM runtime metrics ({@code runtime_metrics: true}): on this SDK when this backend
   * takes metrics, else through the facade into whichever backends {@code routing.metrics} names.
   */
  @Override
  public void onStart(dev.obskit.api.Observability observability) {
    if (!settings.runtimeMetrics || closed.get()) {
      return;
    }
    if (meterProvider != null) {
      runtimeOnSdk = io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry.create(sdk);
    } else {
      runtimeThroughFacade = FacadeRuntimeMetrics.start(observability, settings.exportInterval);
    }
  }

  private volatile io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry runtimeOnSdk;
  private volatile FacadeRuntimeMetrics runtimeThroughFacade;

  @Override
  public boolean flush(Duration timeout) {
    FacadeRuntimeMetrics facadeRuntime = runtimeThroughFacade;
    if (facadeRuntime != null) {
      try {
        facadeRuntime.forward();
      } catch (RuntimeException e) {
        // Best effort: the timer forwards again.
      }
    }
    List<CompletableResultCode> results = new ArrayList<>(2);
    if (tracerProvider != null) {
      results.add(offThread("flush-traces", tracerProvider::forceFlush));
    }
    if (meterProvider != null) {
      results.add(offThread("flush-metrics", meterProvider::forceFlush));
    }
    if (logs != null) {
      results.add(offThread("flush-logs", logs.provider()::forceFlush));
    }
    CompletableResultCode all = CompletableResultCode.ofAll(results).join(waitBudgetNanos(timeout), TimeUnit.NANOSECONDS);
    if (logs != null) {
      logs.reportDrops();
    }
    return all.isDone() && all.isSuccess();
  }

  @Override
  public boolean close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return true;
    }
    if (runtimeOnSdk != null) {
      runtimeOnSdk.close();
    }
    if (runtimeThroughFacade != null) {
      runtimeThroughFacade.close();
    }
    // With register_global the global keeps pointing at this SDK: the OTel API has no unset (only
    // GlobalOpenTelemetry.resetForTest). Its shut-down providers hand out non-recording spans.
    // Shutting down a provider exports what it holds first (the batch queue, a final metric
    // collection); both run at once against the one deadline.
    if (scrapes != null) {
      // Stopping the Prometheus server aborts a scrape in flight, which the exporter reports
      // with a SEVERE stack trace: let running scrapes finish first (within half the deadline).
      scrapes.awaitIdle(timeout.dividedBy(2));
    }
    List<CompletableResultCode> results = new ArrayList<>(2);
    if (tracerProvider != null) {
      results.add(offThread("close-traces", tracerProvider::shutdown));
    }
    if (meterProvider != null) {
      results.add(offThread("close-metrics", meterProvider::shutdown));
    }
    if (logs != null) {
      results.add(offThread("close-logs", logs.provider()::shutdown));
    }
    CompletableResultCode all = CompletableResultCode.ofAll(results).join(waitBudgetNanos(timeout), TimeUnit.NANOSECONDS);
    if (scrapes != null) {
      scrapes.shutdown();
    }
    boolean done = all.isDone();
    if (!done) {
      countLostAtClose();
    } else if (logs != null) {
      logs.reportDrops();
    }
    return done && all.isSuccess();
  }

  /**
   * Runs {@code operation} on its own daemon thread. Some SDK operations block the calling thread
   * before returning their result (PeriodicMetricReader.shutdown waits up to 5 s for the
   * scheduler and 5 s more for the final export), which would break our deadline.
   */
  private static CompletableResultCode offThread(String name, java.util.function.Supplier<CompletableResultCode> operation) {
    CompletableResultCode result = new CompletableResultCode();
    Thread thread = new Thread(() -> {
      try {
        CompletableResultCode inner = operation.get();
        inner.whenComplete(() -> {
          if (inner.isSuccess()) {
            result.succeed();
          } else {
            result.fail();
          }
        });
      } catch (RuntimeException e) {
        result.failExceptionally(e);
      }
    }, "obskit-otel-" + name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /**
   * How long close waits for the providers: the deadline minus a small reserve, so that the lost
   * items are counted before the caller's deadline passes (the core stops waiting at it).
   */
  private static long waitBudgetNanos(Duration timeout) {
    long total = Math.max(0, timeout.toNanos());
    long reserve = Math.min(total / 8, TimeUnit.MILLISECONDS.toNanos(250));
    return total - reserve;
  }

  /**
   * Close ran out of time: spans still queued and exports still running will not be waited for.
   * Count them now (exactly once: late outcomes of abandoned exports are ignored).
   */
  private void countLostAtClose() {
    if (countingSpanExporter != null) {
      countingSpanExporter.countLostAtClose(selfMetrics);
    }
    if (countingMetricExporter != null) {
      countingMetricExporter.abandonPending();
    }
    if (logs != null) {
      logs.countLostAtClose(selfMetrics);
    }
  }

  @Override
  public Map<String, String> describe() {
    return description;
  }

  @Override
  public String toString() {
    return "OtelBackend" + description;
  }

  OtelSettings settings() {
    return settings;
  }
}
