package dev.obskit.backend.console.internal;

import dev.obskit.api.spi.BackendConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code console:} configuration section, read once at creation. Every supported key is read
 * here, so that the core reports any other key as unknown.
 */
public final class ConsoleSettings {
  /** Where the output goes. */
  public enum Output {
    STDERR,
    STDOUT
  }

  /** What the metric sink prints. */
  public enum MetricsMode {
    /** An aggregated table at flush and close. */
    SUMMARY,
    /** One line per recording. */
    EACH,
    /** Nothing. */
    OFF
  }

  private final Output output;
  private final String color;
  private final int stackFrames;
  private final MetricsMode metrics;
  private final int maxSpansPerTrace;
  private final int maxOpenTraces;

  private ConsoleSettings(Output output, String color, int stackFrames, MetricsMode metrics,
      int maxSpansPerTrace, int maxOpenTraces) {
    this.output = output;
    this.color = color;
    this.stackFrames = stackFrames;
    this.metrics = metrics;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.maxOpenTraces = maxOpenTraces;
  }

  /** Reads the section; bad values are reported through {@code config} and replaced by defaults. */
  public static ConsoleSettings read(BackendConfig config) {
    Output output = Output.valueOf(config.getChoice("output", "stderr", "stderr", "stdout").toUpperCase(java.util.Locale.ROOT));
    String color = config.getChoice("color", "auto", "auto", "always", "never");
    int stackFrames = config.getInt("stack_frames", 5, 0, 1000);
    MetricsMode metrics = MetricsMode.valueOf(
        config.getChoice("metrics", "summary", "summary", "each", "off").toUpperCase(java.util.Locale.ROOT));
    int maxSpans = config.getInt("max_spans_per_trace", 1000, 1, 1_000_000);
    int maxTraces = config.getInt("max_open_traces", 256, 1, 100_000);
    return new ConsoleSettings(output, color, stackFrames, metrics, maxSpans, maxTraces);
  }

  /** Settings with every default, for tests. */
  public static ConsoleSettings defaults() {
    return new ConsoleSettings(Output.STDERR, "auto", 5, MetricsMode.SUMMARY, 1000, 256);
  }

  /** A copy with other buffer bounds. */
  public ConsoleSettings withBounds(int maxSpansPerTrace, int maxOpenTraces) {
    return new ConsoleSettings(output, color, stackFrames, metrics, maxSpansPerTrace, maxOpenTraces);
  }

  /** A copy with another metrics mode. */
  public ConsoleSettings withMetrics(MetricsMode mode) {
    return new ConsoleSettings(output, color, stackFrames, mode, maxSpansPerTrace, maxOpenTraces);
  }

  /** A copy with another stack frame count. */
  public ConsoleSettings withStackFrames(int frames) {
    return new ConsoleSettings(output, color, frames, metrics, maxSpansPerTrace, maxOpenTraces);
  }

  public Output output() {
    return output;
  }

  /** {@code auto}, {@code always} or {@code never}. */
  public String color() {
    return color;
  }

  public int stackFrames() {
    return stackFrames;
  }

  public MetricsMode metrics() {
    return metrics;
  }

  public int maxSpansPerTrace() {
    return maxSpansPerTrace;
  }

  public int maxOpenTraces() {
    return maxOpenTraces;
  }

  /** The lines for the effective-configuration summary. */
  public Map<String, String> describe(boolean colorOn) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("output", output.name().toLowerCase(java.util.Locale.ROOT));
    m.put("color", color + (color.equals("auto") ? " (" + (colorOn ? "on" : "off") + ")" : ""));
    m.put("metrics", metrics.name().toLowerCase(java.util.Locale.ROOT));
    m.put("stack_frames", Integer.toString(stackFrames));
    m.put("max_spans_per_trace", Integer.toString(maxSpansPerTrace));
    m.put("max_open_traces", Integer.toString(maxOpenTraces));
    return m;
  }
}
