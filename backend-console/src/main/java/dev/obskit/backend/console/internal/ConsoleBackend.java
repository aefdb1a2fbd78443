package dev.obskit.backend.console.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.api.spi.Sinks;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The console backend: all five sinks writing human-readable blocks to one stream. Printing
 * happens on the caller's thread (for errors, events and finished trace trees): this backend is
 * for local development, where seeing output in order beats a background queue.
 */
public final class ConsoleBackend implements Backend {
  private final ConsoleSettings settings;
  private final Style style;
  private final ConsoleErrorSink errorSink;
  private final ConsoleMetricSink metricSink;
  private final ConsoleSpanSink spanSink;
  private final ConsoleEventSink eventSink;
  private final ConsoleLogSink logSink;
  private volatile boolean closed;

  public ConsoleBackend(ConsoleSettings settings, Style style, PrintStream out, SelfMetrics selfMetrics,
      Scrubber scrubber, boolean primaryTraceBackend, String serviceName) {
    this.settings = settings;
    this.style = style;
    ConsoleOutput output = new ConsoleOutput(out, selfMetrics);
    this.errorSink = new ConsoleErrorSink(output, style, scrubber, settings.stackFrames());
    this.metricSink = settings.metrics() == ConsoleSettings.MetricsMode.OFF
        ? null
        : new ConsoleMetricSink(settings.metrics() == ConsoleSettings.MetricsMode.EACH, output, style, selfMetrics, serviceName);
    this.spanSink = new ConsoleSpanSink(primaryTraceBackend, settings.maxSpansPerTrace(), settings.maxOpenTraces(), output,
        new TraceRenderer(style, scrubber), selfMetrics);
    this.eventSink = new ConsoleEventSink(output, style, scrubber);
    this.logSink = new ConsoleLogSink(output, style);
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public Sinks sinks() {
    // metrics: off still accepts the signal (routing stays valid) and drops it.
    return Sinks.builder().errors(errorSink).metrics(metricSink == null ? MetricSink.noop() : metricSink)
        .traces(spanSink).events(eventSink).logs(logSink).build();
  }

  @Override
  public boolean flush(Duration timeout) {
    if (metricSink != null && !closed) {
      metricSink.report();
    }
    return true;
  }

  @Override
  public boolean close(Duration timeout) {
    if (closed) {
      return true;
    }
    spanSink.printPending();
    if (metricSink != null) {
      metricSink.report();
    }
    closed = true;
    return true;
  }

  @Override
  public Map<String, String> describe() {
    return settings.describe(style.enabled());
  }
}
