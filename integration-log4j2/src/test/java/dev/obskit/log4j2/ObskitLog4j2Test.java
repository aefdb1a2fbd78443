package dev.obskit.log4j2;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.LogLevel;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The appender and the context-data provider in the real Log4j2, feeding a real SDK. */
class ObskitLog4j2Test {
  private static final String PATTERN = "%X{trace_id}|%X{span_id}|%X{trace_flags}|%m%n";

  private final TestTelemetry telemetry = new TestTelemetry();
  private final StringWriter direct = new StringWriter();
  private final StringWriter behindAsync = new StringWriter();
  private Observability obs;
  private LoggerContext context;
  private AsyncAppender async;

  private Observability sdk(String primary) {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry)).set("logs.level", "trace")
        .set("console.output", "stdout").set("console.metrics", "off");
    for (Signal s : Signal.values()) {
      b.route(s, "memory");
    }
    b.route(Signal.TRACES, primary);
    return b.build();
  }

  private Logger configure(String obskitAttributes) {
    String xml = "<Configuration status=\"WARN\"><Appenders><Obskit name=\"OBSKIT\" " + obskitAttributes + "/>"
        + "</Appenders><Loggers><Root level=\"trace\"><AppenderRef ref=\"OBSKIT\"/></Root></Loggers></Configuration>";
    context = new LoggerContext("obskit-test");
    try {
      context.start(new XmlConfiguration(context, new ConfigurationSource(
          new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Configuration config = context.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build();
    WriterAppender directAppender = WriterAppender.createAppender(layout, null, direct, "DIRECT", false, true);
    WriterAppender asyncTarget = WriterAppender.createAppender(layout, null, behindAsync, "BEHIND_ASYNC", false, true);
    directAppender.start();
    asyncTarget.start();
    config.addAppender(directAppender);
    config.addAppender(asyncTarget);
    async = AsyncAppender.newBuilder().setName("ASYNC").setConfiguration(config)
        .setAppenderRefs(new AppenderRef[] {AppenderRef.createAppenderRef("BEHIND_ASYNC", null, null)}).build();
    async.start();
    config.addAppender(async);
    config.getRootLogger().addAppender(directAppender, null, null);
    config.getRootLogger().addAppender(async, null, null);
    context.updateLoggers();
    return context.getLogger("app.Orders");
  }

  @AfterEach
  void tearDown() {
    ObskitLogging.uninstall();
    ThreadContext.clearAll();
    if (context != null) {
      context.stop();
    }
    if (obs != null) {
      obs.close();
    }
  }

  @ParameterizedTest(name = "primary trace backend: {0}")
  @ValueSource(strings = {"memory", "console"})
  void everyAppenderSeesTheSpanIdsInTheContextDataAlsoBehindAnAsyncAppender(String primary) {
    obs = sdk(primary);
    ObskitLogging.install(obs);
    Logger log = configure("");
    SpanContext span;
    log.info("before");
    try (Span s = obs.startSpan("handle")) {
      span = s.context();
      log.info("inside");
    }
    log.info("after");
    async.stop(5, TimeUnit.SECONDS); // drains the queue

    String expected = "|||before\n" + span.traceId() + "|" + span.spanId() + "|" + String.format("%02x", span.traceFlags() & 0xff) + "|inside\n|||after\n";
    assertThat(direct.toString().replace("\r\n", "\n")).isEqualTo(expected);
    assertThat(behindAsync.toString().replace("\r\n", "\n")).isEqualTo(expected);
    assertThat(telemetry).hasLog("inside").withTraceIdOf(span).withLevel(LogLevel.INFO).withLogger("app.Orders")
        .withoutAttribute("trace_id").and().hasLog("before").outsideAnySpan();
  }

  @Test
  void recordsCarryTheContextDataAndErrorsAreCapturedOnce() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    IllegalStateException e = new IllegalStateException("card declined");
    try (Span s = obs.startSpan("charge")) {
      ThreadContext.put("order_id", "o-7");
      log.warn("retrying {} of {}", "charge", "o-7");
      log.error("charge failed", e);
      obs.captureError(e);
      log.fatal("gave up", new IllegalStateException("fatal"));
      ThreadContext.clearAll();
    }
    assertThat(telemetry).hasLog("retrying charge of o-7").withLevel(LogLevel.WARN).withAttribute("order_id", "o-7")
        .inSpanNamed("charge")
        .and().hasLog("gave up").withLevel(LogLevel.FATAL)
        .and().hasErrorCount(2)
        .hasError(IllegalStateException.class).withMessage("charge failed").withTag("logger", "app.Orders")
        .withContext("order_id", "o-7").withLevel(dev.obskit.api.Level.ERROR).inSpanNamed("charge")
        .and().hasError(IllegalStateException.class).withMessage("gave up").withLevel(dev.obskit.api.Level.FATAL)
        .and().hasSelfMetric("errors.deduplicated", 1);
  }

  @Test
  void breadcrumbsWhenAskedAndTheBufferBeforeTheSdkExists() {
    Logger log = configure("bufferSize=\"1\" breadcrumbs=\"true\" captureErrors=\"false\"");
    log.info("early one");
    log.info("early two");
    obs = sdk("memory");
    ObskitLogging.install(obs);
    log.error("failed", new IllegalStateException("x"));

    assertThat(telemetry).hasLogCount(2).hasLog("early one").and().hasLog("failed").and()
        .hasSelfMetric("log4j2.dropped.before_start", 1).hasNoErrors();
    assertThat(telemetry.events()).as("breadcrumbs are not events").isEmpty();
    obs.captureError(new IllegalStateException("later"));
    assertThat(telemetry.errors().get(0).breadcrumbs()).extracting(b -> b.message())
        .containsExactly("early one", "failed");
  }

  @Test
  void ownLoggersAreSkippedAndEventsAfterCloseAreCounted() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    context.getLogger("dev.obskit.core").warn("obskit's own warning");
    assertThat(telemetry).hasNoLogs();
    obs.close();
    log.error("late");
    assertThat(obs.selfMetrics().get("dropped.after_close")).isPositive();
    assertThat(telemetry).hasNoLogs();
  }
}
