package dev.obskit.testkit;

import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.obskit.api.GlobalObservability;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension end to end through the real core: injected instances are wired together, fresh
 * per test, closed afterwards, and the global is touched only when asked.
 */
@ExtendWith(ObservabilityExtension.class)
class ObservabilityExtensionTest {
  private static final Labels MATH = Labels.of("type", "math");

  private final Observability constructorObs;
  private final TestTelemetry constructorTelemetry;

  ObservabilityExtensionTest(Observability obs, TestTelemetry telemetry) {
    this.constructorObs = obs;
    this.constructorTelemetry = telemetry;
  }

  @Test
  void allFourSignalsReachTheTelemetryThroughTheFacade(Observability obs, TestTelemetry telemetry) {
    obs.counter("questions.generated").add(1, MATH);
    obs.counter("questions.generated").add(2, MATH);
    try (Span pipeline = obs.startSpan("pipeline")) {
      obs.inSpan("generate", () -> obs.captureError(new IllegalStateException("model timed out"),
          Map.of("provider", "openai")));
      obs.recordEvent("pipeline.stage_done", Map.of("stage", "dedup"));
      pipeline.setStatus(SpanStatus.OK);
    }

    assertThat(telemetry)
        .hasCounter("questions.generated").withLabels(MATH).withTotal(3)
        .and().hasError(IllegalStateException.class).withContext("provider", "openai").inSpanNamed("generate")
        .and().hasSpan("pipeline").withStatus(SpanStatus.OK).isRoot()
        .and().hasSpan("generate").hasParent("pipeline")
        .and().hasEvent("pipeline.stage_done").withData("stage", "dedup").inSpanNamed("pipeline")
        .and().hasTraceTree("pipeline > generate")
        .hasNoOpenSpans()
        .hasNoDroppedTelemetry();
  }

  @Test
  void constructorAndMethodParametersAreTheSameInstances(Observability obs, TestTelemetry telemetry) {
    assertThat(constructorObs).isSameAs(obs);
    assertThat(constructorTelemetry).isSameAs(telemetry);
  }

  @Test
  void dropsAreVisibleToTheAssertions(Observability obs, TestTelemetry telemetry) {
    obs.counter("questions.generated").add(-1, MATH);
    assertThat(telemetry.selfMetrics()).isNotEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertThat(telemetry).hasNoDroppedTelemetry())
        .hasMessageContaining("expected no dropped telemetry but self-metrics show:");
  }

  @Test
  void eachTestGetsAFreshInstanceThatIsClosedAfterwards() {
    FreshPerTest.SEEN.clear();
    TestExecutionSummary summary = run(FreshPerTest.class);
    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(FreshPerTest.SEEN).hasSize(2);
    assertThat(FreshPerTest.SEEN.get(0)).isNotSameAs(FreshPerTest.SEEN.get(1));
    assertThat(FreshPerTest.SEEN).allSatisfy(t -> assertThat(t.isClosed()).isTrue());
    assertThat(GlobalObservability.isSet()).isFalse();
  }

  @Test
  void globalIsSetDuringTheTestAndResetAfterwards() {
    assertThat(GlobalObservability.isSet()).isFalse();
    WithGlobal.TELEMETRY.clear();
    TestExecutionSummary summary = run(WithGlobal.class);
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(GlobalObservability.isSet()).isFalse();
    assertThat(WithGlobal.TELEMETRY.get(0)).satisfies(t -> assertThat(t).hasCounter("via.global").withTotal(1));
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getFailures()).as("failures of %s", testClass.getSimpleName())
        .extracting(f -> f.getException().toString()).isEmpty();
    return summary;
  }

  /** Run only through {@link #run}: surefire skips nested classes. */
  @ExtendWith(ObservabilityExtension.class)
  static class FreshPerTest {
    static final List<TestTelemetry> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void first(Observability obs, TestTelemetry telemetry) {
      recordOnce(obs, telemetry);
    }

    @Test
    void second(Observability obs, TestTelemetry telemetry) {
      recordOnce(obs, telemetry);
    }

    private static void recordOnce(Observability obs, TestTelemetry telemetry) {
      assertThat(telemetry).hasNoMetricPoints("runs");
      assertThat(GlobalObservability.isSet()).isFalse();
      obs.counter("runs").add(1, Labels.empty());
      assertThat(telemetry).hasCounter("runs").withTotal(1);
      SEEN.add(telemetry);
    }
  }

  /** Run only through {@link #run}. */
  static class WithGlobal {
    static final List<TestTelemetry> TELEMETRY = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final ObservabilityExtension OBS = ObservabilityExtension.builder()
        .serviceName("global-test").registerGlobal().build();

    @Test
    void globalIsThisTestsInstance(Observability obs, TestTelemetry telemetry) {
      assertThat(GlobalObservability.get()).isSameAs(obs);
      GlobalObservability.get().counter("via.global").add(1, Labels.empty());
      TELEMETRY.add(telemetry);
    }
  }
}
