package dev.obskit.backend.console.internal;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.SpanContext;
import dev.obskit.api.User;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.Scrubber;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Prints each captured error as one block on the caller's thread: level, type and message, trace
 * and span ids, user, tags, context, fingerprint, the top stack frames and the cause chain.
 */
public final class ConsoleErrorSink implements ErrorSink {
  /** How deep the cause chain is followed. */
  private static final int MAX_CAUSES = 8;

  private final ConsoleOutput output;
  private final Style style;
  private final Scrubber scrubber;
  private final int stackFrames;

  public ConsoleErrorSink(ConsoleOutput output, Style style, Scrubber scrubber, int stackFrames) {
    this.output = output;
    this.style = style;
    this.scrubber = scrubber;
    this.stackFrames = stackFrames;
  }

  @Override
  public void capture(ErrorEvent event) {
    try {
      output.write(render(event));
    } catch (RuntimeException e) {
      // A toString() of a context value may throw; the application must not notice.
      output.write(Format.time(event.timestampMillis()) + " " + event.level() + " (could not render error: " + e + ")"
          + System.lineSeparator());
    }
  }

  /** The block for {@code event}. */
  String render(ErrorEvent event) {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder(512);
    Throwable error = event.error();
    String headline = error != null
        ? error.getClass().getName() + (event.message() != null ? ": " + event.message() : "")
        : String.valueOf(event.message());
    String level = Format.padRight(event.level().name(), 7);
    sb.append(style.dim(Format.time(event.timestampMillis()))).append(' ')
        .append(event.level().compareTo(Level.ERROR) >= 0 ? style.boldRed(level) : style.yellow(level))
        .append(' ').append(style.bold(Format.truncate(headline))).append(nl);
    SpanContext sc = event.spanContext();
    if (sc.isValid()) {
      sb.append("  trace    ").append(style.cyan(sc.traceId())).append("  span ").append(sc.spanId()).append(nl);
    }
    User user = event.user();
    if (user != null && user.id() != null) {
      sb.append("  user     ").append(user.id()).append(nl);
    }
    if (!event.tags().isEmpty()) {
      sb.append("  tags     ").append(Format.entries(scrubber.scrub(event.tags()))).append(nl);
    }
    if (!event.context().isEmpty()) {
      sb.append("  context  ").append(Format.entries(scrubber.scrub(event.context()))).append(nl);
    }
    for (Map.Entry<String, Map<String, Object>> c : event.contexts().entrySet()) {
      sb.append("  ").append(Format.padRight(c.getKey(), 8)).append(' ')
          .append(Format.entries(scrubber.scrub(c.getValue()))).append(nl);
    }
    if (!event.fingerprint().isEmpty()) {
      sb.append("  group    ").append(String.join(" / ", event.fingerprint())).append(nl);
    }
    if (error != null) {
      appendFrames(sb, error, nl);
      Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      seen.add(error);
      Throwable cause = error.getCause();
      for (int depth = 0; cause != null && depth < MAX_CAUSES && seen.add(cause); depth++) {
        sb.append("  caused by ").append(Format.truncate(cause.toString())).append(nl);
        appendFrames(sb, cause, nl);
        cause = cause.getCause();
      }
    }
    return sb.toString();
  }

  private void appendFrames(StringBuilder sb, Throwable error, String nl) {
    StackTraceElement[] frames = error.getStackTrace();
    int shown = Math.min(stackFrames, frames.length);
    for (int i = 0; i < shown; i++) {
      sb.append(style.dim("      at " + frames[i])).append(nl);
    }
    if (frames.length > shown) {
      sb.append(style.dim("      ... " + (frames.length - shown) + " more")).append(nl);
    }
  }
}
