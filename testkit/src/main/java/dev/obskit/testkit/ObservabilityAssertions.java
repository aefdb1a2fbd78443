package dev.obskit.testkit;

/**
 * AssertJ entry point for telemetry recorded by the {@code memory} backend.
 *
 * <pre>{@code
 * import static dev.obskit.testkit.ObservabilityAssertions.assertThat;
 *
 * assertThat(telemetry).hasCounter("questions.generated").withLabels("type", "math").withTotal(3);
 * }</pre>
 */
public final class ObservabilityAssertions {
  private ObservabilityAssertions() {}

  /** Assertions over everything {@code telemetry} recorded. */
  public static TelemetryAssert assertThat(TestTelemetry telemetry) {
    return new TelemetryAssert(telemetry);
  }
}
