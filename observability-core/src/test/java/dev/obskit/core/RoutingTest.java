package dev.obskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.fakes.FakeProvider;
import dev.obskit.core.fakes.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private LogCapture logs;

  @BeforeEach
  void captureLogs() {
    logs = new LogCapture();
  }

  @AfterEach
  void release() {
    logs.close();
  }

  static ObservabilitySdk.Builder builder() {
    return ObservabilitySdk.builder().serviceName("routing-test").environmentVariables(Map.of());
  }

  @Test
  void createsOnlyRoutedBackendsOnceEachWithTheirSignals() {
    FakeProvider a = new FakeProvider("alpha");
    FakeProvider b = new FakeProvider("beta");
    FakeProvider unused = new FakeProvider("gamma");
    try (Observability obs = builder().provider(a).provider(b).provider(unused)
        .route(Signal.ERRORS, "alpha", "beta").route(Signal.METRICS, "alpha").route(Signal.TRACES, "beta")
        .route(Signal.EVENTS).build()) {
      assertThat(unused.created).isEmpty();
      assertThat(a.backend().context.signals()).containsExactlyInAnyOrder(Signal.ERRORS, Signal.METRICS);
      assertThat(b.backend().context.signals()).containsExactlyInAnyOrder(Signal.ERRORS, Signal.TRACES);
      assertThat(b.backend().context.isPrimaryTraceBackend()).isTrue();
      assertThat(a.backend().context.isPrimaryTraceBackend()).isFalse();

      obs.captureMessage("hello", dev.obskit.api.Level.INFO);
      obs.counter("c").add(1);
      obs.recordEvent("ev", Map.of());
      assertThat(a.backend().errors).hasSize(1);
      assertThat(b.backend().errors).hasSize(1);
      assertThat(a.backend().measurements).hasSize(1);
      assertThat(b.backend().measurements).isEmpty();
      assertThat(a.backend().events).isEmpty();
      assertThat(b.backend().events).isEmpty();
    }
  }

  @Test
  void routingAcceptsCommaSeparatedStringsAndListsFromYaml() {
    FakeProvider a = new FakeProvider("alpha");
    FakeProvider b = new FakeProvider("beta");
    try (Observability obs = builder().provider(a).provider(b)
        .configYaml("routing:\n  errors: [alpha, beta]\n  metrics: none\n  traces: none\n  events: alpha\n")
        .build()) {
      obs.captureMessage("m", dev.obskit.api.Level.INFO);
      obs.counter("c").add(1);
      assertThat(a.backend().errors).hasSize(1);
      assertThat(b.backend().errors).hasSize(1);
      assertThat(a.backend().measurements).isEmpty();
      assertThat(a.backend().context.signals()).containsExactlyInAnyOrder(Signal.ERRORS, Signal.EVENTS);
    }
  }

  @Test
  void bothMeansOtelPrimaryAndSentryMirror() {
    FakeProvider otel = new FakeProvider("otel");
    FakeProvider sentry = new FakeProvider("sentry");
    try (Observability obs = builder().provider(otel).provider(sentry).set("routing.traces", "both")
        .route(Signal.ERRORS, "sentry").route(Signal.METRICS, "otel").route(Signal.EVENTS, "none").build()) {
      assertThat(otel.backend().context.isPrimaryTraceBackend()).isTrue();
      assertThat(sentry.backend().context.isPrimaryTraceBackend()).isFalse();
      obs.inSpan("work", () -> {});
      assertThat(sentry.backend().span("work").spanContext).isEqualTo(otel.backend().span("work").spanContext);
    }
  }

  @Test
  void disabledBackendIsNotCreatedAndItsSignalIsANoopWithOneWarning() {
    FakeProvider a = new FakeProvider("alpha");
    try (Observability obs = builder().provider(a).route(Signal.ERRORS, "alpha").route(Signal.METRICS, "none")
        .route(Signal.TRACES, "none").route(Signal.EVENTS, "none").set("alpha.enabled", false).build()) {
      assertThat(a.created).isEmpty();
      obs.captureMessage("nobody hears this", dev.obskit.api.Level.INFO);
      assertThat(logs.warnings()).filteredOn(w -> w.contains("alpha")).hasSize(1)
          .allMatch(w -> w.contains("alpha.enabled: false") && w.contains("errors"));
    }
  }

  @Test
  void absentKnownBackendWarnsOnceNamingTheArtifact() {
    try (Observability obs = builder().route(Signal.ERRORS, "sentry").route(Signal.TRACES, "sentry")
        .route(Signal.METRICS, "none").route(Signal.EVENTS, "none").build()) {
      obs.captureMessage("dropped", dev.obskit.api.Level.INFO);
      obs.inSpan("still has ids", () -> assertThat(obs.currentSpan().context().isValid()).isTrue());
    }
    assertThat(logs.warnings()).filteredOn(w -> w.contains("sentry")).hasSize(1)
        .allMatch(w -> w.contains("dev.obskit:backend-sentry") && w.contains("errors") && w.contains("traces"));
  }

  @Test
  void defaultRoutingIsConsoleAndItsAbsenceNamesTheConsoleArtifact() {
    try (Observability obs = builder().build()) {
      assertThat(obs).isNotNull();
    }
    assertThat(logs.warnings()).filteredOn(w -> w.contains("dev.obskit:backend-console")).hasSize(1);
  }

  @Test
  void strictTurnsAnAbsentBackendIntoAnInitError() {
    assertThatThrownBy(() -> builder().set("strict", true).route(Signal.ERRORS, "sentry").route(Signal.METRICS, "none")
        .route(Signal.TRACES, "none").route(Signal.EVENTS, "none").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("routing.errors").hasMessageContaining("dev.obskit:backend-sentry");
  }

  @Test
  void strictTurnsAnAllDisabledSignalIntoAnInitError() {
    FakeProvider a = new FakeProvider("alpha");
    assertThatThrownBy(() -> builder().provider(a).set("strict", "true").set("alpha.enabled", false)
        .route(Signal.ERRORS, "alpha").route(Signal.METRICS, "none").route(Signal.TRACES, "none")
        .route(Signal.EVENTS, "none").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("alpha.enabled");
  }

  @Test
  void unknownBackendNameIsAConfigErrorListingAllowedValues() {
    assertThatThrownBy(() -> builder().route(Signal.ERRORS, "sentyr").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("routing.errors").hasMessageContaining("sentyr").hasMessageContaining("sentry");
  }

  @Test
  void routingASignalToABackendWithoutThatSinkIsAConfigErrorAndClosesWhatWasCreated() {
    FakeProvider noTraces = new FakeProvider("alpha", b -> b.tracesSupported = false);
    ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
        () -> builder().provider(noTraces).route(Signal.ERRORS, "alpha").route(Signal.TRACES, "alpha")
            .route(Signal.METRICS, "none").route(Signal.EVENTS, "none").build());
    assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("routing.traces");
    assertThat(e.getMessage()).contains("does not handle traces");
    assertThat(noTraces.backend().closes.get()).isEqualTo(1);
  }

  @Test
  void theErrorNamesWhatTheBackendDoesHandle() {
    FakeProvider errorsOnly = new FakeProvider("alpha", b -> {
      b.metricsSupported = false;
      b.tracesSupported = false;
      b.logsSupported = false;
    });
    assertThatThrownBy(() -> builder().provider(errorsOnly).route(Signal.ERRORS, "alpha").route(Signal.METRICS, "alpha")
        .route(Signal.TRACES, "none").route(Signal.EVENTS, "none").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("does not handle metrics (it handles: errors, events)");
  }

  @Test
  void aBackendThatThrowsWhenAskedForItsSinksIsAConfigErrorAndIsClosed() {
    FakeProvider broken = new FakeProvider("alpha", b -> b.sinksFailure = new IllegalStateException("no sinks today"));
    assertThatThrownBy(() -> builder().provider(broken).route(Signal.ERRORS, "alpha").route(Signal.METRICS, "none")
        .route(Signal.TRACES, "none").route(Signal.EVENTS, "none").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("backend 'alpha' threw when asked for its sinks")
        .hasMessageContaining("no sinks today");
    assertThat(broken.backend().closes.get()).isEqualTo(1);
  }

  @Test
  void backendThatFailsToStartIsANoopWithAWarningOrAnErrorWhenStrict() {
    FakeProvider broken = new FakeProvider("alpha");
    broken.createFailure = new IllegalStateException("no socket for you");
    try (Observability obs = builder().provider(broken).route(Signal.ERRORS, "alpha").route(Signal.METRICS, "none")
        .route(Signal.TRACES, "none").route(Signal.EVENTS, "none").build()) {
      obs.captureMessage("goes nowhere", dev.obskit.api.Level.INFO);
    }
    assertThat(logs.warnings()).anyMatch(w -> w.contains("alpha") && w.contains("failed to start"));

    assertThatThrownBy(() -> builder().provider(broken).set("strict", true).route(Signal.ERRORS, "alpha")
        .route(Signal.METRICS, "none").route(Signal.TRACES, "none").route(Signal.EVENTS, "none").build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("no socket for you");
  }

  @Test
  void explicitProviderIsUsedInsteadOfNothingAndTheSummaryNamesRoutes() {
    FakeProvider console = new FakeProvider("console", b -> b.description.put("dsn", "https://secret@example/1"));
    try (Observability obs = builder().provider(console).build()) {
      obs.captureMessage("x", dev.obskit.api.Level.INFO);
      assertThat(console.backend().errors).hasSize(1);
    }
    assertThat(logs.infos()).filteredOn(i -> i.startsWith("obskit started")).hasSize(1).first().satisfies(summary -> {
      assertThat(summary).contains("service=routing-test").contains("errors -> console")
          .contains("traces -> console (primary)").doesNotContain("secret@");
      assertThat(summary.lines().count()).isLessThanOrEqualTo(6);
    });
  }

  @Test
  void summaryNamesMirrorsAndOffBackends() {
    FakeProvider otel = new FakeProvider("otel");
    FakeProvider sentry = new FakeProvider("sentry");
    try (Observability obs = builder().provider(otel).provider(sentry)
        .route(Signal.TRACES, "otel", "sentry").route(Signal.ERRORS, "console").route(Signal.METRICS, "otel")
        .route(Signal.EVENTS, "none").build()) {
      assertThat(obs).isNotNull();
    }
    String summary = logs.infos().stream().filter(i -> i.startsWith("obskit started")).findFirst().orElseThrow();
    assertThat(summary).contains("traces -> otel (primary), sentry (mirror)")
        .contains("console (not on the class path (add dev.obskit:backend-console))");
    assertThat(List.of(summary.split("\n"))).hasSizeLessThanOrEqualTo(6);
  }
}
