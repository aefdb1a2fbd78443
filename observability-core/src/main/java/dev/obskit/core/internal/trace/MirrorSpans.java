package dev.obskit.core.internal.trace;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.core.internal.SinkFailures;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace backends after the first (mirrors, e.g. Sentry with {@code traces: both}): each
 * records every span again with the primary's ids. A mirror that throws is counted and skipped;
 * the others and the primary still get the span.
 */
final class MirrorSpans {
  private final String[] names;
  private final SpanSink[] sinks;
  private final SinkFailures failures;

  MirrorSpans(List<String> names, List<SpanSink> sinks, SinkFailures failures) {
    this.names = names.toArray(new String[0]);
    this.sinks = sinks.toArray(new SpanSink[0]);
    this.failures = failures;
  }

  /** Starts the span in every mirror with the ids {@code assigned}; one handle over all of them. */
  SpanHandle start(SpanStart start, SpanContext assigned) {
    SpanStart mirrored = start.toBuilder().assignedContext(assigned).build();
    List<SpanHandle> handles = new ArrayList<>(sinks.length);
    for (int i = 0; i < sinks.length; i++) {
      try {
        SpanHandle h = sinks[i].start(mirrored);
        if (h != null) {
          handles.add(new IsolatedSpanHandle(names[i], h, failures));
        }
      } catch (Throwable t) {
        failures.failed(names[i], Signal.TRACES, t);
      }
    }
    return FanOutSpanHandle.of(assigned, handles);
  }
}
