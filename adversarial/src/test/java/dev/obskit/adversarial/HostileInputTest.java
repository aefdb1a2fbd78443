package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Class 1 of the reliability issue: input that takes the process down. Shared and cyclic
 * structures must cost a bounded amount of work, and nothing the application passes may throw
 * back into it (an {@code Error} from its own objects included).
 */
class HostileInputTest {
  private static final Duration BOUNDED = Duration.ofSeconds(10);
  private final SentryTestServer sentry = SentryTestServer.start();
  private final Observability obs = Sdks.start(sentry.dsn());

  @AfterEach
  void stop() {
    obs.close(Duration.ofSeconds(2));
    sentry.close();
  }

  private void survives(String what, Consumer<Observability> call) {
    assertTimeoutPreemptively(BOUNDED, () -> call.accept(obs), what);
  }

  @Test
  void aMapSharedTwiceInsideItselfIsCapturedInBoundedWork() {
    survives("captureError with {a: m, b: m}", o -> o.captureError(new IllegalStateException("dag"), Hostile.selfDag()));
    survives("setContext with {a: m, b: m}", o -> o.setContext("dag", Hostile.selfDag()));
    survives("recordEvent with {a: m, b: m}", o -> o.recordEvent("dag", Hostile.selfDag()));
    survives("an ErrorEvent with {a: m, b: m}", o -> o.captureError(ErrorEvent.builder(new IllegalStateException("ev"))
        .namedContext("dag", Hostile.selfDag()).build()));
    // The error itself still arrives (with the structure cut at the budget).
    assertThat(sentry.awaitEvent(e -> "ev".equals(e.getString("exception.values.0.value")), Duration.ofSeconds(10)))
        .isNotNull();
  }

  @Test
  void cyclicMapsAndListsAsSpanEventAttributesDoNotOverflowTheStack() {
    survives("span.addEvent(cyclic map)", o -> {
      try (Span span = o.startSpan("cyclic")) {
        span.addEvent("e", Hostile.cycleThroughList());
        span.addEvent("e", Map.of("list", Hostile.cyclicList()));
      }
    });
    survives("currentSpan().addEvent(cyclic)", o -> {
      try (Span span = o.startSpan("cyclic")) {
        o.currentSpan().addEvent("e", Map.of("m", Hostile.cycleThroughList()));
      }
    });
    survives("recordEvent(cyclic) to span events and breadcrumbs", o -> {
      try (Span span = o.startSpan("cyclic")) {
        o.recordEvent("e", Map.of("m", Hostile.cycleThroughList(), "l", Hostile.cyclicList()));
      }
    });
    survives("captureError(cyclic)", o -> o.captureError(new IllegalStateException("c"),
        Map.of("m", Hostile.cycleThroughList())));
  }

  @Test
  void anErrorThrownByTheApplicationsOwnObjectsNeverReachesTheCaller() {
    AssertionError boom = new AssertionError("the application's map");
    survives("captureError", o -> o.captureError(new IllegalStateException("x"), Hostile.throwing(boom), Level.ERROR));
    survives("setContext", o -> o.setContext("c", Hostile.throwing(boom)));
    survives("recordEvent", o -> o.recordEvent("e", Hostile.throwing(boom)));
    survives("recordMetric(map labels)", o -> o.recordMetric("m", 1, Hostile.<String>throwing(boom), MetricType.COUNTER));
    survives("withBaggage", o -> o.withBaggage(Hostile.throwing(boom)).close());
    survives("span.addEvent", o -> {
      try (Span span = o.startSpan("s")) {
        span.addEvent("e", Hostile.throwing(boom));
        span.addEvent("e", Map.of("v", Hostile.throwingToString()));
      }
    });
    survives("a context value whose toString throws", o -> o.captureError(new IllegalStateException("y"),
        Map.of("v", Hostile.throwingToString())));
    survives("inject with a setter that throws an Error", o -> {
      try (Span span = o.startSpan("s")) {
        o.inject(new Object(), (c, k, v) -> {
          throw new AssertionError("setter");
        });
      }
    });
    survives("extract with a getter that throws an Error", o -> o.extract(new Object(), (c, k) -> {
      throw new AssertionError("getter");
    }));
    survives("a gauge callback that throws an Error", o -> o.gauge("g", dev.obskit.api.InstrumentOptions.defaults(),
        Labels.empty(), () -> {
          throw new AssertionError("callback");
        }).close());
    assertThat(obs.selfMetrics().get("dropped.capture_failure")).isPositive();
  }

  @Test
  void aMetricWithLabelsOfAllShapesNeverThrows() {
    survives("record with nulls", o -> {
      o.recordMetric("m.ok", 1, (Labels) null, MetricType.COUNTER);
      o.recordMetric(null, 1, Labels.empty(), null);
      o.recordMetric("m.ok", Double.NaN, Labels.empty(), MetricType.HISTOGRAM);
      o.recordMetric("m.ok", 1, (Map<String, String>) null, MetricType.COUNTER);
    });
    assertThat(List.of(obs.selfMetrics().snapshot().keySet())).isNotEmpty();
  }
}
