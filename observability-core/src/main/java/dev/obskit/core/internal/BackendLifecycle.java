package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

/**
 * Flushes or closes every backend in parallel against ONE deadline. Each backend runs on its own
 * daemon thread, so a backend that hangs costs at most the deadline and never keeps the JVM
 * alive; it is counted under {@code <operation>_timeouts.<backend>}.
 */
public final class BackendLifecycle {
  private final SelfMetrics metrics;
  private final System.Logger logger;

  public BackendLifecycle(SelfMetrics metrics, System.Logger logger) {
    this.metrics = metrics;
    this.logger = logger;
  }

  /** Flushes every backend in parallel; false if one timed out, returned false or threw (never thrown here). */
  public boolean flush(Map<String, Backend> backends, Duration timeout) {
    return run("flush", backends, timeout, (b, remaining) -> b.flush(remaining));
  }

  /** Closes every backend in parallel; false if one timed out, returned false or threw (never thrown here). */
  public boolean close(Map<String, Backend> backends, Duration timeout) {
    return run("close", backends, timeout, (b, remaining) -> b.close(remaining));
  }

  private boolean run(String operation, Map<String, Backend> backends, Duration timeout,
      BiPredicate<Backend, Duration> action) {
    if (backends.isEmpty()) {
      return true;
    }
    Duration budget = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    long deadline = System.nanoTime() + budget.toNanos();
    CountDownLatch done = new CountDownLatch(backends.size());
    List<Task> tasks = new ArrayList<>();
    for (Map.Entry<String, Backend> e : backends.entrySet()) {
      Task task = new Task(e.getKey(), e.getValue(), budget, action, done);
      tasks.add(task);
      Thread t = new Thread(task, "obskit-" + operation + "-" + e.getKey());
      t.setDaemon(true);
      t.start();
    }
    try {
      done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    boolean all = true;
    for (Task task : tasks) {
      if (!task.finished.get()) {
        all = false;
        metrics.increment(operation + "_timeouts." + task.name);
        logger.log(System.Logger.Level.WARNING, "obskit backend '" + task.name + "' did not " + operation
            + " within " + budget.toMillis() + " ms; giving up on it");
      } else if (!task.ok) {
        all = false;
      }
    }
    return all;
  }

  private final class Task implements Runnable {
    final String name;
    final Backend backend;
    final Duration budget;
    final BiPredicate<Backend, Duration> action;
    final CountDownLatch done;
    final AtomicBoolean finished = new AtomicBoolean();
    volatile boolean ok;

    Task(String name, Backend backend, Duration budget, BiPredicate<Backend, Duration> action, CountDownLatch done) {
      this.name = name;
      this.backend = backend;
      this.budget = budget;
      this.action = action;
      this.done = done;
    }

    @Override
    public void run() {
      try {
        ok = action.test(backend, budget);
      } catch (Throwable t) {
        ok = false;
        metrics.increment("lifecycle_failures." + name);
        logger.log(System.Logger.Level.WARNING, "obskit backend '" + name + "' threw during shutdown", t);
      } finally {
        finished.set(true);
        done.countDown();
      }
    }
  }
}
