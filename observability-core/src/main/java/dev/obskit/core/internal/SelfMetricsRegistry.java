package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live self-metrics: one {@link LongAdder} per key, so that hot-path drops stay cheap. */
public final class SelfMetricsRegistry implements SelfMetrics {
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void add(String key, long amount) {
    if (key == null) {
      return;
    }
    LongAdder adder = counters.get(key);
    if (adder == null) {
      adder = counters.computeIfAbsent(key, k -> new LongAdder());
    }
    adder.add(amount);
  }

  @Override
  public long get(String key) {
    LongAdder adder = key == null ? null : counters.get(key);
    return adder == null ? 0 : adder.sum();
  }

  @Override
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> {
      long sum = v.sum();
      if (sum != 0) {
        out.put(k, sum);
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return "SelfMetrics" + snapshot();
  }
}
