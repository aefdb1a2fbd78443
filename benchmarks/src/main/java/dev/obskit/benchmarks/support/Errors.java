package dev.obskit.benchmarks.support;

import java.util.Map;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A fresh exception per capture, all sharing one real 32-frame stack trace. Fresh, because
 * Sentry drops a throwable it has already captured (deduplication) and that short cut would
 * measure nothing; a shared stack, so that filling in a stack trace stays out of the measurement
 * while Sentry still converts 32 real frames per event on every side.
 */
@State(Scope.Thread)
public class Errors {
  /** Frames in every benchmark exception. */
  public static final int DEPTH = 32;
  /** The per-capture context given on every side. */
  public static final Map<String, Object> CONTEXT = Map.of("provider", "openai", "attempt", 2);

  private static final StackTraceElement[] STACK = stackOfDepth(DEPTH);

  /** A new exception carrying the shared stack. */
  public Throwable next() {
    return new BenchException("generation failed");
  }

  private static StackTraceElement[] stackOfDepth(int depth) {
    StackTraceElement[] real = descend(depth).getStackTrace();
    StackTraceElement[] stack = new StackTraceElement[depth];
    System.arraycopy(real, 0, stack, 0, Math.min(depth, real.length));
    for (int i = real.length; i < depth; i++) {
      stack[i] = real[real.length - 1];
    }
    return stack;
  }

  private static Throwable descend(int framesLeft) {
    return framesLeft <= 1 ? new RuntimeException() : descend(framesLeft - 1);
  }

  /** An exception whose stack trace is the shared one; construction does not walk the stack. */
  public static final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      return STACK.clone();
    }
  }
}
