package dev.obskit.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.logback.ObskitAppender;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.testkit.otlp.OtlpHttpReceiver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code log.info("question {} stored", id)} inside a current span, through the real Logback:
 * with obskit's appender (logs routed to the otel backend, OTLP/HTTP to a local receiver, the MDC
 * filter writing the span's ids), with OpenTelemetry's Logback appender 2.31.1-alpha on an
 * OpenTelemetry SDK exporting the same way, and with Logback's plain file appender as the floor.
 *
 * <p>Sentry's appender is not measured: {@code io.sentry:sentry-logback} resolves here only at
 * 8.47.0, and taking it would pin the whole Sentry SDK of the build to 8.47.0 instead of 8.64.0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LogAppenderBenchmark {
  static final String MESSAGE = "question {} stored";
  static final Long ID = 42L;

  /** obskit's appender. */
  @Benchmark
  public void obskitAppender(ObskitSide s) {
    s.log.info(MESSAGE, ID);
  }

  /** OpenTelemetry's Logback appender. */
  @Benchmark
  public void otelAppender(OtelSide s) {
    s.log.info(MESSAGE, ID);
  }

  /**
   * Logback alone: an appender that reads what every appender reads (formatted message, MDC,
   * thread name) and does nothing with it. The floor under the other rows.
   */
  @Benchmark
  public void logbackOnly(NopSide s) {
    s.log.info(MESSAGE, ID);
  }

  /** Logback's file appender with a pattern, nothing else. */
  @Benchmark
  public void plainFileAppender(FileSide s) {
    s.log.info(MESSAGE, ID);
  }

  static LoggerContext freshContext() {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    context.reset();
    return context;
  }

  static void attach(LoggerContext context, Appender<ch.qos.logback.classic.spi.ILoggingEvent> appender) {
    appender.setContext(context);
    appender.setName("bench");
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.INFO);
    root.addAppender(appender);
  }

  /** obskit: the appender (with its MDC filter) feeding the otel backend's logs over OTLP. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class ObskitSide {
    org.slf4j.Logger log;
    private OtlpHttpReceiver receiver;
    private Observability obs;
    private dev.obskit.api.Span span;
    private LoggerContext context;

    @Setup
    public void setUp() {
      receiver = OtlpHttpReceiver.start();
      obs = ObservabilitySdk.builder().serviceName("bench").environmentVariables(java.util.Map.of())
          .route(Signal.LOGS, "otel").route(Signal.TRACES, "otel").route(Signal.ERRORS).route(Signal.METRICS)
          .route(Signal.EVENTS)
          .set("otel.otlp.endpoint", receiver.endpoint()).set("otel.traces.exporter", "none")
          .set("otel.metrics.exporter", "none").set("logs.max_per_second", 10_000_000)
          // The OpenTelemetry side's exporter defaults: no compression, the SDK's batch settings.
          .set("otel.otlp.compression", "none").build();
      ObskitLogging.install(obs);
      context = freshContext();
      attach(context, new ObskitAppender());
      log = context.getLogger("bench.Store");
      span = obs.startSpan("store"); // current on this (the benchmark) thread until tear-down
    }

    @TearDown
    public void tearDown() {
      span.close();
      context.reset();
      ObskitLogging.uninstall();
      obs.close(Duration.ofSeconds(5));
      receiver.close();
    }
  }

  /** OpenTelemetry: its appender on an SDK whose logs go over OTLP with the SDK's batch defaults. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class OtelSide {
    org.slf4j.Logger log;
    private OtlpHttpReceiver receiver;
    private OpenTelemetrySdk sdk;
    private Span span;
    private Scope scope;
    private LoggerContext context;

    @Setup
    public void setUp() {
      receiver = OtlpHttpReceiver.start();
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().build())
          .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(BatchLogRecordProcessor.builder(
              OtlpHttpLogRecordExporter.builder().setEndpoint(receiver.endpoint() + "/v1/logs").build()).build()).build())
          .build();
      context = freshContext();
      OpenTelemetryAppender appender = new OpenTelemetryAppender();
      // Thread name and id, as obskit's records carry the thread name.
      appender.setCaptureExperimentalAttributes(true);
      attach(context, appender);
      OpenTelemetryAppender.install(sdk);
      log = context.getLogger("bench.Store");
      span = sdk.getTracer("bench").spanBuilder("store").startSpan();
      scope = span.makeCurrent();
    }

    @TearDown
    public void tearDown() {
      scope.close();
      span.end();
      context.reset();
      sdk.shutdown().join(5, TimeUnit.SECONDS);
      receiver.close();
    }
  }

  /** Logback with an appender that reads the event and drops it. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class NopSide {
    org.slf4j.Logger log;
    private LoggerContext context;

    @Setup
    public void setUp() {
      context = freshContext();
      attach(context, new ch.qos.logback.core.UnsynchronizedAppenderBase<ch.qos.logback.classic.spi.ILoggingEvent>() {
        @Override
        protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
          e.getFormattedMessage();
          e.getMDCPropertyMap();
          e.getThreadName();
        }
      });
      log = context.getLogger("bench.Store");
    }

    @TearDown
    public void tearDown() {
      context.reset();
    }
  }

  /** Logback's FileAppender with a pattern layout, immediate flush (its default). */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class FileSide {
    org.slf4j.Logger log;
    private Path file;
    private LoggerContext context;

    @Setup
    public void setUp() throws IOException {
      file = Files.createTempFile("obskit-bench", ".log");
      context = freshContext();
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d %-5level [%thread] %logger %msg%n");
      encoder.start();
      FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
      appender.setFile(file.toString());
      appender.setEncoder(encoder);
      attach(context, appender);
      log = context.getLogger("bench.Store");
    }

    @TearDown
    public void tearDown() throws IOException {
      context.reset();
      Files.deleteIfExists(file);
    }
  }
}
