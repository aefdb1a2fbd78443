package dev.obskit.backend.otel.internal;

import dev.obskit.api.spi.BackendConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code otel:} section, read once and validated. Every supported key is read here, even
 * those of exporters that are not selected, so that the core never reports a documented key as
 * unknown. Bad values become configuration problems (and the default is used), never exceptions.
 */
public final class OtelSettings {
  /** Span exporters. */
  public static final String[] TRACE_EXPORTERS = {"otlp", "logging", "zipkin", "none"};
  /** Metric exporters. */
  public static final String[] METRIC_EXPORTERS = {"otlp", "logging", "prometheus", "none"};

  final Map<String, String> resource;
  final boolean registerGlobal;

  final String tracesExporter;
  final double samplerRatio;
  final int maxQueueSize;
  final int maxExportBatchSize;
  final Duration scheduleDelay;
  final Duration exportTimeout;

  final String metricsExporter;
  final Duration exportInterval;
  final String temporality;
  final Map<String, List<Double>> histogramBuckets;
  final int cardinalityLimit;

  final String otlpEndpoint;
  final String otlpProtocol;
  final Map<String, String> otlpHeaders;
  final Duration otlpTimeout;
  final String otlpCompression;
  final boolean otlpRetry;

  final String prometheusHost;
  final int prometheusPort;

  final String zipkinEndpoint;
  final Duration zipkinTimeout;

  private OtelSettings(BackendConfig config) {
    resource = config.getStringMap("resource", Map.of());
    registerGlobal = config.getBoolean("register_global", false);

    BackendConfig traces = config.section("traces");
    tracesExporter = traces.getChoice("exporter", "otlp", TRACE_EXPORTERS);
    samplerRatio = traces.getDouble("sampler_ratio", 1.0, 0.0, 1.0);
    BackendConfig batch = traces.section("batch");
    maxQueueSize = batch.getInt("max_queue_size", 2048, 1, 1_000_000);
    int batchSize = batch.getInt("max_export_batch_size", 512, 1, 1_000_000);
    if (batchSize > maxQueueSize) {
      batch.problem("max_export_batch_size", "must not exceed traces.batch.max_queue_size ("
          + maxQueueSize + ")");
      batchSize = Math.min(512, maxQueueSize);
    }
    maxExportBatchSize = batchSize;
    scheduleDelay = positive(batch, "schedule_delay", Duration.ofSeconds(1));
    exportTimeout = positive(batch, "export_timeout", Duration.ofSeconds(30));

    BackendConfig metrics = config.section("metrics");
    metricsExporter = metrics.getChoice("exporter", "otlp", METRIC_EXPORTERS);
    exportInterval = positive(metrics, "export_interval", Duration.ofSeconds(60));
    temporality = metrics.getChoice("temporality", "cumulative", "cumulative", "delta");
    cardinalityLimit = metrics.getInt("cardinality_limit", 2000, 1, 1_000_000);
    // Named entries rather than instrument names as keys: metric names contain dots, which the
    // builder's dotted keys and OBS_* variables cannot carry inside a key.
    BackendConfig buckets = metrics.section("histogram_buckets");
    Map<String, List<Double>> bucketMap = new LinkedHashMap<>();
    for (String entry : buckets.keys()) {
      BackendConfig view = buckets.section(entry);
      String instrument = view.getString("instrument", "").trim();
      List<Double> bounds = view.getDoubleList("buckets", List.of());
      if (instrument.isEmpty()) {
        view.problem("instrument", "name the histogram these buckets apply to (for example generation.duration)");
      } else if (!isStrictlyAscending(bounds)) {
        view.problem("buckets", "bucket boundaries must be a non-empty, strictly ascending list");
      } else if (bucketMap.containsKey(instrument)) {
        view.problem("instrument", "buckets for '" + instrument + "' are already configured");
      } else {
        bucketMap.put(instrument, List.copyOf(bounds));
      }
    }
    histogramBuckets = Map.copyOf(bucketMap);

    BackendConfig otlp = config.section("otlp");
    otlpProtocol = otlp.getChoice("protocol", "http/protobuf", "http/protobuf", "grpc");
    String defaultEndpoint = otlpProtocol.equals("grpc") ? "http://localhost:4317" : "http://localhost:4318";
    otlpEndpoint = httpUrl(otlp, "endpoint", defaultEndpoint);
    BackendConfig headers = otlp.section("headers");
    Map<String, String> headerMap = new LinkedHashMap<>();
    for (String name : headers.keys()) {
      // Header values carry API keys: read them as secrets so the summary masks them.
      headerMap.put(name, headers.getSecret(name, ""));
    }
    otlpHeaders = Map.copyOf(headerMap);
    otlpTimeout = positive(otlp, "timeout", Duration.ofSeconds(10));
    otlpCompression = otlp.getChoice("compression", "gzip", "gzip", "none");
    otlpRetry = otlp.getBoolean("retry", true);

    BackendConfig prometheus = config.section("prometheus");
    prometheusHost = prometheus.getString("host", "127.0.0.1");
    prometheusPort = prometheus.getInt("port", 9464, 0, 65535);

    BackendConfig zipkin = config.section("zipkin");
    zipkinEndpoint = httpUrl(zipkin, "endpoint", "http://localhost:9411/api/v2/spans");
    zipkinTimeout = positive(zipkin, "timeout", Duration.ofSeconds(10));
  }

  /** Reads and validates the section; problems are recorded in {@code config}. */
  public static OtelSettings read(BackendConfig config) {
    return new OtelSettings(config);
  }

  private static Duration positive(BackendConfig section, String key, Duration defaultValue) {
    Duration value = section.getDuration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      section.problem(key, "must be a positive duration");
      return defaultValue;
    }
    return value;
  }

  private static String httpUrl(BackendConfig section, String key, String defaultValue) {
    String value = section.getString(key, defaultValue).trim();
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    section.problem(key, "expected an http:// or https:// URL with a host");
    return defaultValue;
  }

  private static boolean isStrictlyAscending(List<Double> bounds) {
    if (bounds.isEmpty()) {
      return false;
    }
    for (int i = 1; i < bounds.size(); i++) {
      if (!(bounds.get(i) > bounds.get(i - 1))) {
        return false;
      }
    }
    return true;
  }
}
