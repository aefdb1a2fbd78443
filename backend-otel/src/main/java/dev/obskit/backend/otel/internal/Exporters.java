package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.SystemOutLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Builds the exporters named in configuration. Every exporter gets a no-op meter provider for
 * its own telemetry: the default would consult {@code GlobalOpenTelemetry}, whose first read
 * fixes the global to a no-op and breaks a later {@code GlobalOpenTelemetry.set} by the
 * application.
 */
final class Exporters {
  private Exporters() {}

  /** The span exporter, or null for {@code none}. */
  static SpanExporter spanExporter(OtelSettings s) {
    switch (s.tracesExporter) {
      case "otlp":
        return s.tracesOtlp.protocol().equals("grpc") ? otlpGrpcSpans(s.tracesOtlp) : otlpHttpSpans(s.tracesOtlp);
      case "logging":
        return LoggingSpanExporter.create();
      case "zipkin":
        return zipkin(s);
      default:
        return null;
    }
  }

  /** The push metric exporter for {@code otlp} and {@code logging}, else null. */
  static MetricExporter metricExporter(OtelSettings s) {
    switch (s.metricsExporter) {
      case "otlp":
        return s.metricsOtlp.protocol().equals("grpc")
            ? otlpGrpcMetrics(s.metricsOtlp, temporality(s)) : otlpHttpMetrics(s.metricsOtlp, temporality(s));
      case "logging":
        return LoggingMetricExporter.create(temporality(s).getAggregationTemporality(
            io.opentelemetry.sdk.metrics.InstrumentType.COUNTER));
      default:
        return null;
    }
  }

  /** The log record exporter, or null for {@code none}. */
  static LogRecordExporter logExporter(OtelSettings s) {
    switch (s.logsExporter) {
      case "otlp":
        return s.logsOtlp.protocol().equals("grpc") ? otlpGrpcLogs(s.logsOtlp) : otlpHttpLogs(s.logsOtlp);
      case "logging":
        return SystemOutLogRecordExporter.create();
      default:
        return null;
    }
  }

  private static LogRecordExporter otlpHttpLogs(OtelSettings.Otlp s) {
    OtlpHttpLogRecordExporterBuilder b = OtlpHttpLogRecordExporter.builder()
        .setEndpoint(s.url())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry(s))
        .setMeterProvider(MeterProvider::noop);
    s.headers().forEach(b::addHeader);
    return b.build();
  }

  private static LogRecordExporter otlpGrpcLogs(OtelSettings.Otlp s) {
    OtlpGrpcLogRecordExporterBuilder b = OtlpGrpcLogRecordExporter.builder()
        .setEndpoint(s.url())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry(s))
        .setMeterProvider(MeterProvider::noop);
    s.headers().forEach(b::addHeader);
    return b.build();
  }

  /** The OTLP/HTTP URL of one signal: the configured base plus {@code /v1/<signal>}. */
  static String httpSignalUrl(String base, String signal) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return trimmed + "/v1/" + signal;
  }

  private static AggregationTemporalitySelector temporality(OtelSettings s) {
    return s.temporality.equals("delta")
        ? AggregationTemporalitySelector.deltaPreferred()
        : AggregationTemporalitySelector.alwaysCumulative();
  }

  private static RetryPolicy retry(OtelSettings.Otlp s) {
    return s.retry() ? RetryPolicy.getDefault() : null;
  }

  private static SpanExporter otlpHttpSpans(OtelSettings.Otlp s) {
    OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder()
        .setEndpoint(s.url())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry(s))
        .setMeterProvider(MeterProvider::noop);
    s.headers().forEach(b::addHeader);
    return b.build();
  }

  private static SpanExporter otlpGrpcSpans(OtelSettings.Otlp s) {
    OtlpGrpcSpanExporterBuilder b = OtlpGrpcSpanExporter.builder()
        .setEndpoint(s.url())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry(s))
        .setMeterProvider(MeterProvider::noop);
    s.headers().forEach(b::addHeader);
    return b.build();
  }

  private static MetricExporter otlpHttpMetrics(OtelSettings.Otlp s, AggregationTemporalitySelector temporality) {
    OtlpHttpMetricExporterBuilder b = OtlpHttpMetricExporter.builder()
        .setEndpoint(s.url())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry(s))
        .setAggregationTemporalitySelector(temporality)
        .setMeterProvider(MeterProvider::noop);
    s.headers().forEach(b::addHeader);
    return b.build();
  }

  private static MetricExporter otlpGrpcMetrics(OtelSettings.Otlp s, AggregationTemporalitySelector temporality) {
    OtlpGrpcMetricExporterBuilder b = OtlpGrpcMetricExporter.builder()
        .setEndpoint(s.url())
        .setTimeout(s.timeout())
        .setCompression(s.compression())
        .setRetryPolicy(retry(s))
        .setAggregationTemporalitySelector(temporality)
        .setMeterProvider(MeterProvider::noop);
    s.headers().forEach(b::addHeader);
    return b.build();
  }

  private static SpanExporter zipkin(OtelSettings s) {
    // URLConnectionSender instead of the exporter's default okhttp 4 sender (see the pom). The
    // exporter is frozen at 1.63.0 upstream; it uses only the SDK's stable API (docs/otel.md).
    URLConnectionSender sender = URLConnectionSender.newBuilder()
        .endpoint(s.zipkinEndpoint)
        .connectTimeout((int) Math.min(Integer.MAX_VALUE, s.zipkinTimeout.toMillis()))
        .readTimeout((int) Math.min(Integer.MAX_VALUE, s.zipkinTimeout.toMillis()))
        .build();
    return ZipkinSpanExporter.builder().setSender(sender).setMeterProvider(MeterProvider.noop()).build();
  }

  /** Masked copies of header values for the summary. */
  static Map<String, String> maskedHeaders(Map<String, String> headers) {
    Map<String, String> masked = new java.util.TreeMap<>();
    headers.keySet().forEach(k -> masked.put(k, "****"));
    return masked;
  }
}
