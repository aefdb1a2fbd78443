package dev.obskit.core.internal;

import dev.obskit.api.Scope;
import dev.obskit.api.spi.ContextSnapshot;
import dev.obskit.core.internal.trace.CoreContext;
import dev.obskit.core.internal.trace.CurrentSpans;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Carries context to other threads: the core's context (facade span, baggage) and the primary
 * backend's own context snapshot, both captured at wrap time and restored around the task.
 */
public final class ContextWrapping {
  private final CurrentSpans current;

  public ContextWrapping(CurrentSpans current) {
    this.current = current;
  }

  private final class Captured {
    final CoreContext core = current.store().current();
    final ContextSnapshot backend = current.captureBackendContext();

    Scope attach() {
      Scope backendScope = current.attachBackendContext(backend);
      return current.store().attach(core, backendScope);
    }
  }

  /** Runs {@code task} in the context current now (span, baggage, the primary's context); null stays null. */
  public Runnable wrap(Runnable task) {
    if (task == null) {
      return null;
    }
    Captured captured = new Captured();
    return () -> {
      try (Scope ignored = captured.attach()) {
        task.run();
      }
    };
  }

  /** Calls {@code task} in the context current now; null stays null. */
  public <T> Callable<T> wrap(Callable<T> task) {
    if (task == null) {
      return null;
    }
    Captured captured = new Captured();
    return () -> {
      try (Scope ignored = captured.attach()) {
        return task.call();
      }
    };
  }

  /** An executor that runs each task in the context current at submission; null stays null. */
  public Executor wrap(Executor executor) {
    if (executor == null) {
      return null;
    }
    return command -> executor.execute(wrap(command));
  }

  /** An executor service that runs each task in the context current at submission; null stays null. */
  public ExecutorService wrap(ExecutorService executor) {
    if (executor == null) {
      return null;
    }
    return new ContextPropagatingExecutorService(executor, this);
  }
}
