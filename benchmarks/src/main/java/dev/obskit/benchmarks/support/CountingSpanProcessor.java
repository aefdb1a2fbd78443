package dev.obskit.benchmarks.support;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.LongAdder;

/**
 * A span processor that counts ended spans and exports nothing: the tracer really records (from
 * OpenTelemetry 1.67 a provider without any processor hands out a no-op tracer) while no exporter
 * cost enters the run.
 */
public final class CountingSpanProcessor implements SpanProcessor {
  private final LongAdder ended = new LongAdder();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    ended.increment();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Spans ended so far. */
  public long ended() {
    return ended.sum();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
