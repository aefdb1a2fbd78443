package dev.obskit.logback;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.LogLevel;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.logging.ObskitLogging;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.TestTelemetry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The appender and the MDC filter in the real Logback, feeding a real SDK. */
class ObskitAppenderTest {
  private static final String LISTS = """
      <appender name="LIST" class="ch.qos.logback.core.read.ListAppender"/>
      <appender name="BEHIND_ASYNC" class="ch.qos.logback.core.read.ListAppender"/>
      <appender name="ASYNC" class="ch.qos.logback.classic.AsyncAppender">
        <appender-ref ref="BEHIND_ASYNC"/>
      </appender>
      """;

  private final TestTelemetry telemetry = new TestTelemetry();
  private Observability obs;
  private LoggerContext context;

  private Observability sdk(String primary, String... extra) {
    ObservabilitySdk.Builder b = ObservabilitySdk.builder().environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry))
        .set("console.output", "stdout").set("console.metrics", "off")
        .set("otel.traces.exporter", "none").set("otel.metrics.exporter", "none")
        .set("logs.level", "trace");
    for (Signal s : Signal.values()) {
      b.route(s, "memory");
    }
    b.route(Signal.TRACES, primary);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      b.set(extra[i], extra[i + 1]);
    }
    return b.build();
  }

  private Logger configure(String appenderOptions) {
    context = Logback.configure(LISTS
        + "<appender name=\"OBSKIT\" class=\"dev.obskit.logback.ObskitAppender\">" + appenderOptions + "</appender>"
        + "<root level=\"TRACE\"><appender-ref ref=\"LIST\"/><appender-ref ref=\"ASYNC\"/>"
        + "<appender-ref ref=\"OBSKIT\"/></root>");
    return LoggerFactory.getLogger("app.Orders");
  }

  @AfterEach
  void tearDown() {
    ObskitLogging.uninstall();
    if (context != null) {
      context.reset();
    }
    if (obs != null) {
      obs.close();
    }
    MDC.clear();
  }

  @ParameterizedTest(name = "primary trace backend: {0}")
  @ValueSource(strings = {"memory", "console", "otel"})
  void everyAppenderSeesTheSpanIdsInTheMdcAlsoBehindAnAsyncAppender(String primary) {
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

    for (String name : List.of("LIST", "BEHIND_ASYNC")) {
      ListAppender<ILoggingEvent> list = name.equals("LIST") ? Logback.list(context, name) : behindAsync();
      List<ILoggingEvent> events = Logback.await(list, 3);
      assertThat(events.get(0).getMDCPropertyMap()).as(name).doesNotContainKeys("trace_id", "span_id", "trace_flags");
      assertThat(events.get(1).getMDCPropertyMap()).as(name)
          .containsEntry("trace_id", span.traceId()).containsEntry("span_id", span.spanId())
          .containsEntry("trace_flags", String.format("%02x", span.traceFlags() & 0xff));
      assertThat(events.get(2).getMDCPropertyMap()).as(name).doesNotContainKey("trace_id");
    }
    assertThat(telemetry).hasLog("inside").withTraceIdOf(span).withLevel(LogLevel.INFO).withLogger("app.Orders")
        .and().hasLog("before").outsideAnySpan();
  }

  private ListAppender<ILoggingEvent> behindAsync() {
    AsyncAppender async = (AsyncAppender) context.getLogger("ROOT").getAppender("ASYNC");
    @SuppressWarnings("unchecked")
    ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) async.getAppender("BEHIND_ASYNC");
    return list;
  }

  @Test
  void theIdsAreBackWhenTheApplicationClearedTheMdcInTheSameSpan() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    try (Span s = obs.startSpan("handle")) {
      log.info("one");
      MDC.clear(); // the filter wrote nothing new since: it must notice the MDC changed
      log.info("two");
      MDC.put("user", "u-1");
      log.info("three");
      for (ILoggingEvent e : Logback.list(context, "LIST").list) {
        assertThat(e.getMDCPropertyMap()).as(e.getMessage()).containsEntry("trace_id", s.context().traceId())
            .containsEntry("span_id", s.context().spanId());
      }
      try (Span child = obs.startSpan("child")) {
        log.info("four");
        assertThat(Logback.list(context, "LIST").list.get(3).getMDCPropertyMap())
            .containsEntry("span_id", child.context().spanId()).containsEntry("user", "u-1");
      }
    }
    assertThat(telemetry).hasLog("four").withAttribute("user", "u-1").inSpanNamed("child");
  }

  @Test
  void theMdcKeysAreConfigurable() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("<traceIdKey>traceId</traceIdKey><spanIdKey>spanId</spanIdKey>"
        + "<traceFlagsKey>flags</traceFlagsKey>");
    try (Span s = obs.startSpan("handle")) {
      log.info("inside");
      Map<String, String> mdc = Logback.list(context, "LIST").list.get(0).getMDCPropertyMap();
      assertThat(mdc).containsEntry("traceId", s.context().traceId()).containsEntry("spanId", s.context().spanId())
          .containsEntry("flags", String.format("%02x", s.context().traceFlags() & 0xff)).doesNotContainKey("trace_id");
      assertThat(telemetry).hasLog("inside").withTraceIdOf(s).withoutAttribute("traceId");
    }
  }

  @Test
  void recordsCarryTheFormattedMessageTheMdcAndKeyValuePairs() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    MDC.put("order_id", "o-7");
    MDC.put("password", "hunter2");
    log.atWarn().addKeyValue("attempt", 3).log("retrying {} of {}", "charge", "o-7");
    MDC.clear();
    log.debug("quiet");

    assertThat(telemetry).hasLog("retrying charge of o-7").withLevel(LogLevel.WARN).withAttribute("order_id", "o-7")
        .withAttribute("attempt", 3).withAttribute("password", "[Filtered]").outsideAnySpan()
        .and().hasLog("quiet").withLevel(LogLevel.DEBUG);
    assertThat(telemetry.logs().get(0).threadName()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void theApplicationsMdcEntriesSurviveATraceIdWrittenWithoutTheOtherKeys() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    // Code of the application's (or another library's) that writes only a trace id under our key.
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("order_id", "o-8");
    log.info("with a foreign trace id");
    MDC.remove("trace_id");
    MDC.put("span_id", "00f067aa0ba902b7");
    MDC.put("tenant", "t-1");
    log.info("with a span id only");
    MDC.clear();

    assertThat(telemetry).hasLog("with a foreign trace id").withAttribute("order_id", "o-8")
        .and().hasLog("with a span id only").withAttribute("order_id", "o-8").withAttribute("tenant", "t-1");
  }

  @Test
  void anErrorWithAnExceptionIsCapturedOnceEvenWhenTheAppCapturesItToo() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    IllegalStateException first = new IllegalStateException("card declined");
    IllegalStateException second = new IllegalStateException("gateway down");
    try (Span s = obs.startSpan("charge")) {
      MDC.put("order_id", "o-7");
      obs.captureError(first);
      log.error("charge failed", first);            // the app already captured it
      log.error("gateway failed", second);          // only the log reports it
      obs.captureError(second);                     // reported again by the app: still once
      log.error("no exception here");
      MDC.clear();
    }

    assertThat(telemetry).hasErrorCount(2)
        .hasError(IllegalStateException.class).withMessage("gateway failed").withTag("logger", "app.Orders")
        .withContext("order_id", "o-7").inSpanNamed("charge")
        .and().hasSelfMetric("errors.deduplicated", 2)
        .hasLog("charge failed").withThrowable(IllegalStateException.class);
  }

  @Test
  void errorCaptureCanBeTurnedOffAndLowerLevelsBecomeBreadcrumbsWhenAsked() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("<captureErrors>false</captureErrors><breadcrumbs>true</breadcrumbs>"
        + "<breadcrumbLevel>info</breadcrumbLevel>");
    log.debug("too low for a breadcrumb");
    log.info("cart loaded");
    log.error("failed", new IllegalStateException("x"));

    assertThat(telemetry).hasNoErrors();
    assertThat(telemetry.events()).as("breadcrumbs are not events").isEmpty();
    obs.captureError(new IllegalStateException("later"));
    assertThat(telemetry.errors()).hasSize(1);
    assertThat(telemetry.errors().get(0).breadcrumbs())
        .extracting(b -> b.category(), b -> b.message(), b -> b.level(), b -> b.data().get("logger"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("log", "cart loaded", dev.obskit.api.Level.INFO, "app.Orders"),
            org.assertj.core.groups.Tuple.tuple("log", "failed", dev.obskit.api.Level.ERROR, "app.Orders"));
  }

  @Test
  void breadcrumbsBelongToTheRequestScopeAndRideOnItsError() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("<breadcrumbs>true</breadcrumbs>");
    try (Scope request = obs.isolate()) {
      log.info("cart loaded");
      log.error("charge failed", new IllegalStateException("declined"));
    }
    log.error("other request failed", new IllegalStateException("other"));

    ErrorEvent inScope = telemetry.errors().get(0);
    assertThat(inScope.breadcrumbs()).extracting(b -> b.message()).containsExactly("cart loaded");
    assertThat(telemetry.errors().get(1).breadcrumbs()).extracting(b -> b.message())
        .doesNotContain("cart loaded");
    assertThat(telemetry.events()).as("breadcrumbs are not events").isEmpty();
  }

  @Test
  void eventsBeforeTheSdkExistsAreBufferedAndTheExcessIsCounted() {
    Logger log = configure("<bufferSize>2</bufferSize>");
    log.info("one");
    log.info("two");
    log.info("three");
    log.info("four");
    obs = sdk("memory");
    ObskitLogging.install(obs);

    assertThat(telemetry).hasLogCount(2).hasLog("one").and().hasLog("two").and()
        .hasSelfMetric("logback.dropped.before_start", 2);
    log.info("five");
    assertThat(telemetry).hasLogCount(3);
  }

  @Test
  void eventsAfterTheSdkClosedAreCountedAndOwnLoggersAreSkipped() {
    obs = sdk("memory");
    ObskitLogging.install(obs);
    Logger log = configure("");
    LoggerFactory.getLogger("dev.obskit.core").warn("an obskit warning");
    LoggerFactory.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter").warn("export failed");
    assertThat(telemetry).hasNoLogs();
    obs.close();
    log.error("late", new IllegalStateException("late"));
    assertThat(obs.selfMetrics().get("dropped.after_close")).isPositive();
    assertThat(telemetry).hasNoLogs().hasNoErrors();
  }
}
