package dev.obskit.backend.console.internal;

import dev.obskit.api.SelfMetrics;
import java.io.PrintStream;

/**
 * Writes whole blocks to one stream. A block is handed to {@link PrintStream#print(String)} in a
 * single call under one lock, so the lines of a block never interleave with another block of
 * this backend. Never throws: failures are counted as {@code console.write_failures}.
 */
public final class ConsoleOutput {
  /** Self-metric key for blocks that could not be written. */
  public static final String WRITE_FAILURES = "console.write_failures";

  private final PrintStream out;
  private final SelfMetrics selfMetrics;
  private final Object lock = new Object();

  public ConsoleOutput(PrintStream out, SelfMetrics selfMetrics) {
    this.out = out;
    this.selfMetrics = selfMetrics;
  }

  /** Writes {@code block}, which should end with a line separator. */
  public void write(CharSequence block) {
    try {
      synchronized (lock) {
        out.print(block);
        out.flush();
        // PrintStream swallows IOExceptions and only remembers them.
        if (out.checkError()) {
          selfMetrics.increment(WRITE_FAILURES);
        }
      }
    } catch (RuntimeException e) {
      selfMetrics.increment(WRITE_FAILURES);
    }
  }
}
