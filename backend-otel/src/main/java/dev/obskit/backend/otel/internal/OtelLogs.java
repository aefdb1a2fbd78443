package dev.obskit.backend.otel.internal;

import dev.obskit.api.SelfMetrics;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The logs pipeline of the {@code otel} backend: an {@link SdkLoggerProvider} with a batch
 * processor in front of the configured exporter, and the accounting that makes every lost record
 * visible in the SDK's self-metrics ({@code otel.logs_dropped.*}, refusals reported with the next
 * export, flush or close): the batch processor drops into
 * its own OTel meter when its queue is full, so records are admitted here first, at most {@code
 * logs.batch.max_queue_size} waiting for export.
 */
final class OtelLogs {
  private final SdkLoggerProvider provider;
  private final Admission admission;
  private final CountingExporter exporter;

  OtelLogs(Resource resource, OtelSettings settings, SelfMetrics selfMetrics) {
    LogRecordExporter configured = Exporters.logExporter(settings);
    io.opentelemetry.sdk.logs.SdkLoggerProviderBuilder builder = SdkLoggerProvider.builder().setResource(resource);
    if (configured != null) {
      exporter = new CountingExporter(configured, selfMetrics);
      BatchLogRecordProcessor batch = BatchLogRecordProcessor.builder(exporter)
          .setMaxQueueSize(settings.logsMaxQueueSize)
          .setMaxExportBatchSize(Math.min(512, settings.logsMaxQueueSize))
          .setScheduleDelay(settings.logsScheduleDelay)
          .setMeterProvider(MeterProvider::noop)
          .build();
      admission = new Admission(batch, settings.logsMaxQueueSize, selfMetrics);
      exporter.admission = admission;
      builder.addLogRecordProcessor(admission);
    } else {
      exporter = null;
      admission = null;
    }
    provider = builder.build();
  }

  SdkLoggerProvider provider() {
    return provider;
  }

  /** Reports the records refused for a full queue since the last report (flush, close). */
  void reportDrops() {
    if (admission != null) {
      admission.reportDrops();
    }
  }

  /** Close ran out of time: counts the queued records and running exports as lost, once. */
  void countLostAtClose(SelfMetrics selfMetrics) {
    reportDrops();
    Runnable countQueued = () -> {
      long stranded = admission == null ? 0 : admission.inFlight.get();
      if (stranded > 0) {
        selfMetrics.add(SelfMetricKeys.LOGS_DROPPED, stranded);
        selfMetrics.add(SelfMetricKeys.LOGS_DROPPED_AT_CLOSE, stranded);
      }
    };
    if (exporter != null) {
      exporter.pending.abandonAll(countQueued);
    } else {
      countQueued.run();
    }
  }

  /**
   * Admits at most {@code capacity} records that have not reached the exporter yet. A refused
   * record is counted in an adder on the logging thread and reported to the self-metrics with the
   * next export, flush or close: under a log storm, the moment refusing is cheapest is the moment
   * it happens most.
   */
  private static final class Admission implements LogRecordProcessor {
    private final LogRecordProcessor delegate;
    private final long capacity;
    private final SelfMetrics selfMetrics;
    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder refused = new LongAdder();

    Admission(LogRecordProcessor delegate, long capacity, SelfMetrics selfMetrics) {
      this.delegate = delegate;
      this.capacity = capacity;
      this.selfMetrics = selfMetrics;
    }

    @Override
    public void onEmit(Context context, ReadWriteLogRecord logRecord) {
      // A full queue is seen with a read alone; the increment then settles races at the edge.
      if (inFlight.get() >= capacity) {
        refused.increment();
        return;
      }
      if (inFlight.incrementAndGet() > capacity) {
        inFlight.decrementAndGet();
        refused.increment();
        return;
      }
      delegate.onEmit(context, logRecord);
    }

    void reportDrops() {
      long n = refused.sumThenReset();
      if (n > 0) {
        selfMetrics.add(SelfMetricKeys.LOGS_DROPPED, n);
        selfMetrics.add(SelfMetricKeys.LOGS_DROPPED_QUEUE_FULL, n);
      }
    }

    @Override
    public CompletableResultCode forceFlush() {
      return delegate.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }

  /** Releases admission for every batch and counts the records of failed exports. */
  private static final class CountingExporter implements LogRecordExporter {
    private final LogRecordExporter delegate;
    private final PendingExports pending;
    private final Function<Collection<LogRecordData>, CompletableResultCode> exportCall;
    private volatile Admission admission;

    CountingExporter(LogRecordExporter delegate, SelfMetrics selfMetrics) {
      this.delegate = delegate;
      this.exportCall = delegate::export;
      this.pending = new PendingExports(selfMetrics, SelfMetricKeys.LOGS_DROPPED, SelfMetricKeys.LOGS_DROPPED_EXPORT_FAILED);
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      Admission a = admission;
      if (a == null) {
        return pending.export(exportCall, logs);
      }
      a.reportDrops();
      int count = logs.size();
      return pending.export(exportCall, logs, () -> a.inFlight.addAndGet(-count));
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }
}
