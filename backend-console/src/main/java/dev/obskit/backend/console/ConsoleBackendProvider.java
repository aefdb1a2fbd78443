package dev.obskit.backend.console;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.backend.console.internal.ConsoleBackend;
import dev.obskit.backend.console.internal.ConsoleSettings;
import dev.obskit.backend.console.internal.Style;
import java.io.PrintStream;

/**
 * The {@code console} backend: human-readable errors, metric summaries, span trees and events
 * for local development. Discovered through {@link java.util.ServiceLoader}.
 *
 * <p>Configuration (section {@code console:}):
 *
 * <ul>
 *   <li>{@code output}: {@code stderr} (default) or {@code stdout}
 *   <li>{@code color}: {@code auto} (default: only on an interactive terminal, not with {@code
 *       TERM=dumb} or {@code NO_COLOR} set), {@code always}, {@code never}
 *   <li>{@code stack_frames}: stack frames printed per exception (default 5)
 *   <li>{@code metrics}: {@code summary} (default: a table at flush and close), {@code each} (a
 *       line per recording), {@code off}
 *   <li>{@code max_spans_per_trace} (default 1000) and {@code max_open_traces} (default 256):
 *       bounds of the buffers that hold finished spans until their local root ends
 * </ul>
 *
 * <p>Errors, events and trace trees are printed on the calling thread (a console is for
 * development; ordering matters more there than latency). Writing never throws; failures are
 * counted as {@code console.write_failures}.
 */
public final class ConsoleBackendProvider implements BackendProvider {
  private final PrintStream target;

  /** The provider {@link java.util.ServiceLoader} uses. */
  public ConsoleBackendProvider() {
    this(null);
  }

  /** A provider writing to {@code target} instead of the configured stream (tests). */
  ConsoleBackendProvider(PrintStream target) {
    this.target = target;
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public Backend create(BackendContext context) {
    ConsoleSettings settings = ConsoleSettings.read(context.config());
    PrintStream out = target != null
        ? target
        : settings.output() == ConsoleSettings.Output.STDOUT ? System.out : System.err;
    Style style = Style.resolve(settings.color(), System.console() != null, System.getenv());
    return new ConsoleBackend(settings, style, out, context.selfMetrics(), context.scrubber(),
        context.isPrimaryTraceBackend(), context.serviceName());
  }
}
