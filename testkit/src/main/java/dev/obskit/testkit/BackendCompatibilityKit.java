package dev.obskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.LogLevel;
import dev.obskit.api.LogRecord;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Registration;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.User;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SPI contract every backend must keep, as JUnit 5 tests. A backend module's test extends
 * this class and says what the backend is and how to configure it for a test:
 *
 * <pre>{@code
 * class OtelBackendCompatibilityTest extends BackendCompatibilityKit {
 *   protected BackendProvider provider() { return new OtelBackendProvider(); }
 *   protected Map<String, ?> configSection() { return Map.of("exporter", "none"); }
 *   protected Set<Signal> supportedSignals() { return EnumSet.of(Signal.METRICS, Signal.TRACES); }
 * }
 * }</pre>
 *
 * <p>The kit creates the backend through {@link BackendHarness} (real context, real configuration
 * validation) and through the full facade ({@link ObservabilitySdk}), and proves: sinks never
 * throw for odd but valid input, survive concurrent use, span handles honour assigned ids as a
 * mirror and produce valid W3C ids as primary, flush succeeds when idle, close returns within its
 * deadline and is harmless twice, and calls after close do not throw. It asserts no timing beyond
 * generous "returns promptly" bounds; the whole kit runs in a few seconds per backend.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class BackendCompatibilityKit {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  /** Slack over a deadline before "returns within its deadline" fails: proves non-blocking only. */
  private static final Duration SLACK = Duration.ofSeconds(3);
  private static final String UNICODE = "质量-Qualität-качество-🚀";

  /** A fresh provider of the backend under test. */
  protected abstract BackendProvider provider();

  /**
   * The backend's configuration section for tests (for example exporters off or pointing at a
   * local receiver), as it would appear under the backend's name in YAML. Empty by default.
   */
  protected Map<String, ?> configSection() {
    return Map.of();
  }

  /** The signals the backend takes; the kit expects a sink for each and none for the others. */
  protected abstract Set<Signal> supportedSignals();

  /** Whether the backend can be the primary trace backend (assign ids). True by default. */
  protected boolean canBePrimary() {
    return true;
  }

  /** How many recordings each of the 4 threads makes in the concurrency tests. */
  protected int recordingsPerThread() {
    return 10_000;
  }

  // ------------------------------------------------------------------ helpers

  /** Creates the backend with the test section, routed {@code signals}. */
  protected final BackendHarness.Created create(Set<Signal> signals, boolean primary) {
    return BackendHarness.create(provider(), configSection(), signals, primary);
  }

  private BackendHarness.Created create() {
    return create(supportedSignals(), canBePrimary() && supports(Signal.TRACES));
  }

  private boolean supports(Signal s) {
    return supportedSignals().contains(s);
  }

  private static InstrumentDescriptor descriptor(String name, MetricType type) {
    return InstrumentDescriptor.of(name, type, InstrumentOptions.defaults());
  }

  private static long now() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  private static SpanContext randomContext() {
    return SpanContext.create(dev.obskit.testkit.internal.Ids.traceId(), dev.obskit.testkit.internal.Ids.spanId(), true, "");
  }

  // ------------------------------------------------------------------ creation and configuration

  @Test
  void isDiscoverableThroughServiceLoader() {
    String name = provider().name();
    List<BackendProvider> found = new ArrayList<>();
    ServiceLoader.load(BackendProvider.class).forEach(found::add);
    assertThat(found).as("providers in META-INF/services/%s", BackendProvider.class.getName())
        .anySatisfy(p -> {
          assertThat(p.name()).isEqualTo(name);
          assertThat(p.getClass()).isEqualTo(provider().getClass());
        });
  }

  @Test
  void offersExactlyTheSupportedSinks() {
    try (BackendHarness.Created created = create()) {
      Backend b = created.backend();
      assertThat(b.name()).isEqualTo(provider().name());
      assertThat(b.sinks().signals()).as("the signals the backend has sinks for").isEqualTo(supportedSignals());
      assertThatCode(b::describe).doesNotThrowAnyException();
      assertThat(b.describe()).isNotNull();
    }
  }

  @Test
  void unknownConfigurationKeysAreReported() {
    Map<String, Object> section = new LinkedHashMap<>(configSection());
    section.put("no_such_key_for_the_kit", "x");
    assertThatThrownBy(() -> BackendHarness.create(provider(), section, supportedSignals(), canBePrimary()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no_such_key_for_the_kit");
  }

  // ------------------------------------------------------------------ odd but valid input

  @Test
  void errorSinkAcceptsOddButValidEvents() {
    assumeTrue(supports(Signal.ERRORS), "backend takes no errors");
    try (BackendHarness.Created created = create()) {
      ErrorSink sink = created.backend().sinks().errors().orElseThrow();
      assertThatCode(() -> {
        sink.capture(ErrorEvent.message("plain message").build());
        sink.capture(ErrorEvent.builder(new IllegalStateException()).build());
        sink.capture(ErrorEvent.builder(new IllegalStateException(UNICODE, new RuntimeException("cause")))
            .level(Level.FATAL).context(UNICODE, UNICODE).tag("k", "x".repeat(4000))
            .namedContext("llm", Map.of("model", "gpt", "tokens", 42L, "nested", Map.of("a", List.of(1, 2))))
            .user(User.builder().id("42").email("a@example.org").data("plan", "pro").build())
            .fingerprint("llm-timeout", UNICODE).spanContext(randomContext())
            .timestampMillis(System.currentTimeMillis()).build());
        for (Level level : Level.values()) {
          sink.capture(ErrorEvent.message("level " + level).level(level).build());
        }
        sink.setUser(User.id(UNICODE));
        sink.setUser(null);
        sink.setTag("region", UNICODE);
        sink.setTag("region", null);
        sink.setContext("app", Map.of("build", 7L));
        sink.setContext("app", null);
      }).doesNotThrowAnyException();
    }
  }

  @Test
  void metricSinkAcceptsOddButValidRecordings() {
    assumeTrue(supports(Signal.METRICS), "backend takes no metrics");
    try (BackendHarness.Created created = create()) {
      MetricSink sink = created.backend().sinks().metrics().orElseThrow();
      assertThatCode(() -> {
        for (MetricType type : MetricType.values()) {
          String suffix = type.name().toLowerCase(java.util.Locale.ROOT);
          MetricInstrument plain = sink.instrument(descriptor("kit.plain." + suffix, type));
          plain.record(0, Labels.empty());
          plain.record(1, Labels.empty());
          plain.record(1e12, Labels.of("k", UNICODE));
          plain.record(Double.MIN_VALUE, Labels.of("long", "v".repeat(4000)));
          for (int i = 0; i < 200; i++) {
            plain.record(i, Labels.of("set", Integer.toString(i), "type", suffix));
          }
          // The core's path: each label set bound once, recorded through its series.
          MetricInstrument.Series bound = plain.bind(Labels.of("k", UNICODE, "long", "v".repeat(4000)));
          bound.record(0);
          bound.record(1e12);
          plain.bind(Labels.empty()).record(Double.MIN_VALUE);
          sink.instrument(InstrumentDescriptor.of("kit.unicode." + suffix + "." + UNICODE, type,
              InstrumentOptions.builder().unit("ms").description(UNICODE).build())).record(3, Labels.of(UNICODE, UNICODE));
          sink.instrument(descriptor("kit.plain." + suffix, type)).record(2, Labels.empty());
        }
        MetricInstrument upDown = sink.instrument(descriptor("kit.updown.negative", MetricType.UP_DOWN_COUNTER));
        upDown.record(-5, Labels.empty());
        upDown.record(-0.0, Labels.empty());
        MetricInstrument gauge = sink.instrument(descriptor("kit.gauge.negative", MetricType.GAUGE));
        gauge.record(-1.5, Labels.empty());
        sink.instrument(InstrumentDescriptor.of("kit.histogram.buckets", MetricType.HISTOGRAM,
            InstrumentOptions.builder().buckets(1, 5, 10).build())).record(7, Labels.empty());
      }).doesNotThrowAnyException();
      assertThat(created.backend().flush(DEADLINE)).isTrue();
    }
  }

  @Test
  void callbackGaugesSurviveWhatTheCorePasses() {
    assumeTrue(supports(Signal.METRICS), "backend takes no metrics");
    try (BackendHarness.Created created = create()) {
      MetricSink sink = created.backend().sinks().metrics().orElseThrow();
      // The core hands over callbacks that never throw but may report NaN (a failed user callback).
      Registration nan = sink.callbackGauge(descriptor("kit.callback.nan", MetricType.GAUGE), Labels.empty(),
          () -> Double.NaN);
      Registration ok = sink.callbackGauge(descriptor("kit.callback.ok", MetricType.GAUGE), Labels.of("k", UNICODE),
          () -> 42);
      Registration same = sink.callbackGauge(descriptor("kit.callback.ok", MetricType.GAUGE), Labels.of("k", "other"),
          () -> -1);
      assertThat(nan).isNotNull();
      assertThat(created.backend().flush(DEADLINE)).isTrue();
      assertThatCode(() -> {
        nan.close();
        nan.close();
        ok.close();
        same.close();
      }).doesNotThrowAnyException();
      assertThat(created.backend().flush(DEADLINE)).isTrue();
    }
  }

  @Test
  void spanHandlesAcceptOddButValidCalls() {
    assumeTrue(supports(Signal.TRACES), "backend takes no traces");
    try (BackendHarness.Created created = create()) {
      SpanSink sink = created.backend().sinks().traces().orElseThrow();
      boolean primary = canBePrimary();
      assertThatCode(() -> {
        SpanStart.Builder start = SpanStart.builder(UNICODE).kind(SpanKind.SERVER).startEpochNanos(now())
            .attribute("s", UNICODE).attribute("l", 42L).attribute("d", 0.5).attribute("b", true)
            .link(randomContext());
        if (!primary) {
          start.assignedContext(randomContext());
        }
        SpanHandle span = sink.start(start.build());
        span.setAttribute("empty", "");
        span.setAttribute("long", "x".repeat(4000));
        span.setAttribute(UNICODE, Long.MIN_VALUE);
        span.setAttribute("nan", Double.NaN);
        span.setAttribute("flag", false);
        span.addEvent("no-attributes", Map.of(), now());
        span.addEvent(UNICODE, Map.of("s", "v", "l", 1L, "d", 1.5, "b", true), now());
        span.recordException(new IllegalStateException(), now());
        span.recordException(new RuntimeException(UNICODE, new Error("cause")), now());
        span.setStatus(SpanStatus.OK, "");
        span.setStatus(SpanStatus.ERROR, UNICODE);
        span.updateName("renamed");
        span.end(now());
      }).doesNotThrowAnyException();
    }
  }

  @Test
  void eventSinkAcceptsOddButValidEvents() {
    assumeTrue(supports(Signal.EVENTS), "backend takes no events");
    try (BackendHarness.Created created = create()) {
      EventSink sink = created.backend().sinks().events().orElseThrow();
      assertThatCode(() -> {
        sink.recordEvent("kit.empty", Map.of(), SpanContext.invalid(), System.currentTimeMillis());
        sink.recordEvent(UNICODE, Map.of(UNICODE, UNICODE, "n", 1L, "d", 2.5, "b", true, "long", "x".repeat(4000)),
            randomContext(), System.currentTimeMillis());
        sink.recordEvent("kit.nested", Map.of("list", List.of("a", "b"), "map", Map.of("k", "v")), SpanContext.invalid(), 0);
      }).doesNotThrowAnyException();
    }
  }

  @Test
  void logSinkAcceptsOddButValidRecords() {
    assumeTrue(supports(Signal.LOGS), "backend takes no logs");
    try (BackendHarness.Created created = create()) {
      LogSink sink = created.backend().sinks().logs().orElseThrow();
      assertThatCode(() -> {
        sink.emit(LogRecord.builder(LogLevel.INFO, "").epochMillis(System.currentTimeMillis()).build());
        sink.emit(LogRecord.builder(LogLevel.TRACE, UNICODE).loggerName(UNICODE).threadName(UNICODE)
            .attribute(UNICODE, UNICODE).attribute("n", 1L).attribute("d", 2.5).attribute("b", true)
            .attribute("list", List.of("a", "b")).attribute("map", Map.of("k", "v"))
            .spanContext(randomContext()).epochMillis(System.currentTimeMillis()).build());
        sink.emit(LogRecord.builder(LogLevel.FATAL, "x".repeat(4000))
            .throwable(new RuntimeException(UNICODE, new Error("cause"))).epochMillis(1).build());
      }).doesNotThrowAnyException();
    }
  }

  // ------------------------------------------------------------------ span identity

  @Test
  void asPrimaryAssignsValidW3cIdsAndChildrenShareTheTraceId() {
    assumeTrue(supports(Signal.TRACES) && canBePrimary(), "backend cannot be the primary trace backend");
    try (BackendHarness.Created created = create(supportedSignals(), true)) {
      SpanSink sink = created.backend().sinks().traces().orElseThrow();
      SpanHandle root = sink.start(SpanStart.builder("kit.root").startEpochNanos(now()).build());
      SpanHandle child = sink.start(SpanStart.builder("kit.child").parent(root.context()).startEpochNanos(now()).build());
      SpanContext remoteParent = SpanContext.createRemote("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, "");
      SpanHandle fromRemote = sink.start(SpanStart.builder("kit.server").kind(SpanKind.SERVER).parent(remoteParent)
          .startEpochNanos(now()).build());
      SpanHandle otherRoot = sink.start(SpanStart.builder("kit.root2").startEpochNanos(now()).build());

      for (SpanHandle h : List.of(root, child, fromRemote, otherRoot)) {
        assertThat(SpanContext.isValidTraceId(h.context().traceId())).as("trace id %s", h.context().traceId()).isTrue();
        assertThat(SpanContext.isValidSpanId(h.context().spanId())).as("span id %s", h.context().spanId()).isTrue();
      }
      assertThat(child.context().traceId()).isEqualTo(root.context().traceId());
      assertThat(child.context().spanId()).isNotEqualTo(root.context().spanId());
      assertThat(fromRemote.context().traceId()).isEqualTo(remoteParent.traceId());
      assertThat(fromRemote.context().spanId()).isNotEqualTo(remoteParent.spanId());
      assertThat(otherRoot.context().traceId()).isNotEqualTo(root.context().traceId());
      for (SpanHandle h : List.of(child, root, fromRemote, otherRoot)) {
        h.end(now());
      }
    }
  }

  @Test
  void aSpanWithoutTimesTakesThemFromTheSinksClock() {
    assumeTrue(supports(Signal.TRACES) && canBePrimary(), "backend cannot be the primary trace backend");
    try (BackendHarness.Created created = create(supportedSignals(), true)) {
      SpanSink sink = created.backend().sinks().traces().orElseThrow();
      // What the core does with a lone primary: no time passed, the sink reads its own clock.
      SpanHandle h = sink.start(SpanStart.builder("kit.own-clock").build());
      h.addEvent("kit.event", Map.of("k", "v"));
      h.recordException(new IllegalStateException("kit"));
      h.end();
      assertThat(SpanContext.isValidSpanId(h.context().spanId())).isTrue();
    }
  }

  @Test
  void aContextOwningSinkKnowsWhichHandleIsCurrent() {
    assumeTrue(supports(Signal.TRACES) && canBePrimary(), "backend cannot be the primary trace backend");
    try (BackendHarness.Created created = create(supportedSignals(), true)) {
      SpanSink sink = created.backend().sinks().traces().orElseThrow();
      assumeTrue(sink.ownsContext(), "the core keeps the current span (ownsContext() is false)");
      SpanHandle outer = sink.start(SpanStart.builder("kit.outer").startEpochNanos(now()).build());
      SpanHandle inner = sink.start(SpanStart.builder("kit.inner").parent(outer.context()).startEpochNanos(now()).build());
      assertThat(outer.isCurrent()).isFalse();
      try (dev.obskit.api.Scope o = outer.makeCurrent()) {
        assertThat(outer.isCurrent()).isTrue();
        assertThat(sink.currentContext()).isEqualTo(outer.context());
        try (dev.obskit.api.Scope i = inner.makeCurrent()) {
          assertThat(inner.isCurrent()).isTrue();
          assertThat(outer.isCurrent()).isFalse();
        }
        assertThat(outer.isCurrent()).isTrue();
      }
      assertThat(outer.isCurrent()).isFalse();
      inner.end(now());
      outer.end(now());
    }
  }

  @Test
  void asMirrorKeepsTheAssignedIds() {
    assumeTrue(supports(Signal.TRACES), "backend takes no traces");
    try (BackendHarness.Created created = create(supportedSignals(), false)) {
      SpanSink sink = created.backend().sinks().traces().orElseThrow();
      SpanContext rootIds = randomContext();
      SpanContext childIds = SpanContext.create(rootIds.traceId(), dev.obskit.testkit.internal.Ids.spanId(), true, "");
      SpanHandle root = sink.start(SpanStart.builder("kit.mirror.root").assignedContext(rootIds).startEpochNanos(now()).build());
      SpanHandle child = sink.start(SpanStart.builder("kit.mirror.child").parent(rootIds).assignedContext(childIds)
          .startEpochNanos(now()).build());

      assertThat(root.context().traceId()).isEqualTo(rootIds.traceId());
      assertThat(root.context().spanId()).isEqualTo(rootIds.spanId());
      assertThat(child.context().traceId()).isEqualTo(childIds.traceId());
      assertThat(child.context().spanId()).isEqualTo(childIds.spanId());
      child.end(now());
      root.end(now());
    }
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void survivesConcurrentRecordings() throws Exception {
    try (BackendHarness.Created created = create()) {
      Backend b = created.backend();
      int n = recordingsPerThread();
      MetricInstrument counter = supports(Signal.METRICS) ? b.sinks().metrics().orElseThrow().instrument(descriptor("kit.concurrent", MetricType.COUNTER)) : null;
      MetricInstrument histogram = supports(Signal.METRICS) ? b.sinks().metrics().orElseThrow().instrument(descriptor("kit.concurrent.h", MetricType.HISTOGRAM)) : null;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Labels labels = Labels.of("thread", Integer.toString(t));
          Labels shared = Labels.of("thread", "any");
          futures.add(pool.submit(() -> {
            go.await();
            // Bound series as the core keeps them: one per label set, also shared by threads.
            MetricInstrument.Series mine = counter == null ? null : counter.bind(labels);
            MetricInstrument.Series common = counter == null ? null : histogram.bind(shared);
            for (int i = 0; i < n; i++) {
              if (counter != null) {
                counter.record(1, labels);
                mine.record(1);
                histogram.record(i % 100, labels);
                common.record(i % 100);
              }
              if (i % 20 == 0) {
                if (supports(Signal.TRACES)) {
                  SpanStart.Builder s = SpanStart.builder("kit.concurrent").startEpochNanos(now());
                  if (!canBePrimary()) {
                    s.assignedContext(randomContext());
                  }
                  SpanHandle h = b.sinks().traces().orElseThrow().start(s.build());
                  h.setAttribute("i", (long) i);
                  h.end(now());
                }
                if (supports(Signal.EVENTS)) {
                  b.sinks().events().orElseThrow().recordEvent("kit.concurrent", Map.of("i", (long) i), SpanContext.invalid(),
                      System.currentTimeMillis());
                }
              }
              if (i % 500 == 0 && supports(Signal.ERRORS)) {
                b.sinks().errors().orElseThrow().capture(ErrorEvent.message("kit concurrent " + i).build());
              }
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(b.flush(DEADLINE)).isTrue();
    }
  }

  @Test
  void spansStartedAndEndedOnDifferentThreads() throws Exception {
    assumeTrue(supports(Signal.TRACES), "backend takes no traces");
    try (BackendHarness.Created created = create()) {
      SpanSink sink = created.backend().sinks().traces().orElseThrow();
      BlockingQueue<SpanHandle> started = new LinkedBlockingQueue<>();
      int spans = 400;
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          futures.add(pool.submit(() -> {
            for (int i = 0; i < spans / 2; i++) {
              SpanStart.Builder s = SpanStart.builder("kit.handoff").startEpochNanos(now());
              if (!canBePrimary()) {
                s.assignedContext(randomContext());
              }
              started.add(sink.start(s.build()));
            }
            return null;
          }));
        }
        for (int t = 0; t < 2; t++) {
          futures.add(pool.submit(() -> {
            for (int i = 0; i < spans / 2; i++) {
              SpanHandle h = started.poll(30, TimeUnit.SECONDS);
              assertThat(h).as("a span to end").isNotNull();
              h.setAttribute("ended.on", Thread.currentThread().getName());
              h.addEvent("handoff", Map.of(), now());
              h.end(now());
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(started).isEmpty();
    }
  }

  // ------------------------------------------------------------------ lifecycle

  @Test
  void flushReturnsTrueWhenIdle() {
    try (BackendHarness.Created created = create()) {
      assertThat(created.backend().flush(DEADLINE)).isTrue();
      assertThat(created.backend().flush(DEADLINE)).as("second flush").isTrue();
    }
  }

  @Test
  void closeReturnsWithinItsDeadlineAndTwiceIsHarmless() {
    BackendHarness.Created created = create();
    Backend b = created.backend();
    long startNanos = System.nanoTime();
    boolean closed = b.close(DEADLINE);
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    assertThat(closed).as("close of an idle backend reports success").isTrue();
    assertThat(took).as("close(%s) must return by its deadline", DEADLINE).isLessThan(DEADLINE.plus(SLACK));
    assertThatCode(() -> b.close(Duration.ofSeconds(1))).doesNotThrowAnyException();
  }

  @Test
  void callsAfterCloseDoNotThrow() {
    BackendHarness.Created created = create();
    Backend b = created.backend();
    MetricInstrument counter = supports(Signal.METRICS) ? b.sinks().metrics().orElseThrow().instrument(descriptor("kit.after", MetricType.COUNTER)) : null;
    SpanHandle open = null;
    if (supports(Signal.TRACES)) {
      SpanStart.Builder s = SpanStart.builder("kit.open.at.close").startEpochNanos(now());
      if (!canBePrimary()) {
        s.assignedContext(randomContext());
      }
      open = b.sinks().traces().orElseThrow().start(s.build());
    }
    b.close(DEADLINE);
    SpanHandle openAtClose = open;
    assertThatCode(() -> {
      if (counter != null) {
        counter.record(1, Labels.empty());
        b.sinks().metrics().orElseThrow().instrument(descriptor("kit.after.new", MetricType.HISTOGRAM)).record(1, Labels.empty());
        b.sinks().metrics().orElseThrow().callbackGauge(descriptor("kit.after.gauge", MetricType.GAUGE), Labels.empty(), () -> 1).close();
      }
      if (openAtClose != null) {
        openAtClose.setAttribute("late", true);
        openAtClose.end(now());
        SpanStart.Builder s = SpanStart.builder("kit.after.close").startEpochNanos(now());
        if (!canBePrimary()) {
          s.assignedContext(randomContext());
        }
        b.sinks().traces().orElseThrow().start(s.build()).end(now());
      }
      if (supports(Signal.ERRORS)) {
        b.sinks().errors().orElseThrow().capture(ErrorEvent.message("after close").build());
        b.sinks().errors().orElseThrow().setTag("k", "v");
      }
      if (supports(Signal.EVENTS)) {
        b.sinks().events().orElseThrow().recordEvent("kit.after", Map.of(), SpanContext.invalid(), System.currentTimeMillis());
      }
      if (supports(Signal.LOGS)) {
        b.sinks().logs().orElseThrow().emit(LogRecord.builder(LogLevel.INFO, "after close").epochMillis(System.currentTimeMillis()).build());
      }
      b.flush(Duration.ofSeconds(1));
    }).doesNotThrowAnyException();
  }

  // ------------------------------------------------------------------ through the facade

  /** Builds the SDK with only this backend, routed every supported signal (traces as configured). */
  private Observability facade(boolean primary) {
    String name = provider().name();
    ObservabilitySdk.Builder sdk = ObservabilitySdk.builder().serviceName("kit-service").environmentVariables(Map.of())
        .provider(provider());
    flatten(name, configSection(), sdk);
    for (Signal s : Signal.values()) {
      if (s == Signal.TRACES && supports(s) && !primary) {
        sdk.provider(new MemoryBackendProvider("kit_primary", new TestTelemetry()));
        sdk.route(s, "kit_primary", name);
      } else {
        sdk.route(s, supports(s) ? new String[] {name} : new String[0]);
      }
    }
    return sdk.build();
  }

  private static void flatten(String prefix, Map<String, ?> section, ObservabilitySdk.Builder sdk) {
    section.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) m;
        flatten(prefix + "." + k, nested, sdk);
      } else {
        sdk.set(prefix + "." + k, v);
      }
    });
  }

  @Test
  void worksBehindTheFacade() {
    boolean primary = canBePrimary() || !supports(Signal.TRACES);
    Observability obs = facade(primary);
    exerciseFacade(obs);
  }

  @Test
  void worksBehindTheFacadeAsTraceMirror() {
    assumeTrue(supports(Signal.TRACES), "backend takes no traces");
    exerciseFacade(facade(false));
  }

  private static void exerciseFacade(Observability obs) {
    try {
      Labels math = Labels.of("type", "math");
      try (Span pipeline = obs.startSpan("kit.pipeline")) {
        pipeline.setAttribute("stage", "all");
        obs.inSpan("kit.generate", () -> {
          obs.counter("kit.questions").add(1, math);
          obs.histogram("kit.latency").record(12.5, math);
          obs.upDownCounter("kit.inflight").add(-1, Labels.empty());
          obs.gauge("kit.pool").set(3, Labels.empty());
          obs.captureError(new IllegalStateException("kit failure"), Map.of("provider", "openai"));
          obs.recordEvent("kit.stage_done", Map.of("stage", "generate"));
        });
        try {
          obs.inSpan("kit.failing", () -> {
            throw new IllegalArgumentException("kit thrown");
          });
        } catch (IllegalArgumentException expected) {
          // inSpan rethrows after recording it on the span.
        }
      }
      Registration gauge = obs.gauge("kit.callback", InstrumentOptions.defaults(), Labels.empty(), () -> {
        throw new IllegalStateException("callback failure");
      });
      obs.setTag("region", "eu");
      obs.setUser(User.id("42"));
      obs.captureMessage("kit message", Level.INFO);
      assertThat(obs.flush(DEADLINE)).as("flush through the facade").isTrue();
      gauge.close();
      Map<String, Long> failures = new LinkedHashMap<>();
      obs.selfMetrics().snapshot().forEach((k, v) -> {
        if (k.startsWith("sink_failures.")) {
          failures.put(k, v);
        }
      });
      assertThat(failures).as("sinks that threw into the core").isEmpty();
    } finally {
      assertThat(obs.close(DEADLINE)).as("close through the facade").isTrue();
    }
    assertThatCode(() -> {
      obs.counter("kit.questions").add(1, Labels.empty());
      obs.startSpan("kit.after.close").close();
      obs.captureError(new IllegalStateException("after close"));
      obs.recordEvent("kit.after.close", Map.of());
      obs.close(Duration.ofSeconds(1));
    }).doesNotThrowAnyException();
  }

  /** The signals as a set, for subclasses: {@code signals(Signal.METRICS, Signal.TRACES)}. */
  protected static Set<Signal> signals(Signal first, Signal... rest) {
    return EnumSet.of(first, rest);
  }
}
