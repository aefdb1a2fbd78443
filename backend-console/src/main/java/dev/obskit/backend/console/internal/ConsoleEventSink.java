package dev.obskit.backend.console.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.Scrubber;
import java.util.Map;

/** Prints each event as one line: time, name, data and the current trace id. */
public final class ConsoleEventSink implements EventSink {
  private final ConsoleOutput output;
  private final Style style;
  private final Scrubber scrubber;

  public ConsoleEventSink(ConsoleOutput output, Style style, Scrubber scrubber) {
    this.output = output;
    this.style = style;
    this.scrubber = scrubber;
  }

  @Override
  public void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    try {
      output.write(render(name, data, current, epochMillis));
    } catch (RuntimeException e) {
      output.write("EVENT " + name + " (could not render: " + e + ")" + System.lineSeparator());
    }
  }

  String render(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(style.dim(Format.time(epochMillis))).append(' ').append(Format.padRight("EVENT", 7)).append(' ')
        .append(style.bold(name));
    if (data != null && !data.isEmpty()) {
      sb.append(' ').append(Format.compact(scrubber.scrub(data)));
    }
    if (current != null && current.isValid()) {
      sb.append(style.dim("  trace=" + current.traceId() + " span=" + current.spanId()));
    }
    return sb.append(System.lineSeparator()).toString();
  }
}
