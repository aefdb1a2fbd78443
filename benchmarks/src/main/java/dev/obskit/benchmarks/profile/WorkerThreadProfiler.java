package dev.obskit.benchmarks.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * What the benchmark threads themselves spend per operation: {@code cpu.time.norm} (CPU ns/op)
 * and {@code worker.alloc.norm} (bytes allocated per op).
 *
 * <p>Why not only the wall clock and {@code -prof gc}: on a shared machine the wall-clock score
 * also counts the time a benchmark thread waited for a core that another process held, which
 * thread CPU time does not; and {@code -prof gc} counts the allocations of every thread of the
 * JVM, including the SDKs' own background threads (Sentry serializes and gzips envelopes on its
 * sender thread, and how many it sends rather than drops varies from run to run). The
 * application thread's cost is what the facade promises to keep low. Both are normalized like
 * {@code -prof gc}: by all operations of the iteration.
 *
 * <p>Usage: {@code -prof dev.obskit.benchmarks.profile.WorkerThreadProfiler}.
 */
public final class WorkerThreadProfiler implements InternalProfiler {
  private static final String WORKER = "jmh-worker";

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private Map<Long, long[]> before = Map.of();

  /** Needed by JMH, which instantiates profilers reflectively. */
  public WorkerThreadProfiler() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
      threads.setThreadAllocatedMemoryEnabled(true);
    }
  }

  @Override
  public String getDescription() {
    return "CPU time and allocation of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = sample();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    Map<Long, long[]> after = sample();
    long cpu = 0;
    long bytes = 0;
    for (Map.Entry<Long, long[]> e : after.entrySet()) {
      long[] start = before.getOrDefault(e.getKey(), new long[2]);
      cpu += e.getValue()[0] - start[0];
      bytes += e.getValue()[1] - start[1];
    }
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("worker.alloc.norm", (double) bytes / ops, "B/op", AggregationPolicy.AVG));
  }

  /** CPU time and allocated bytes of every benchmark thread, by thread id. */
  private Map<Long, long[]> sample() {
    Map<Long, long[]> samples = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER)) {
        long id = info.getThreadId();
        samples.put(id, new long[] {Math.max(0, threads.getThreadCpuTime(id)),
            Math.max(0, threads.getThreadAllocatedBytes(id))});
      }
    }
    return samples;
  }
}
