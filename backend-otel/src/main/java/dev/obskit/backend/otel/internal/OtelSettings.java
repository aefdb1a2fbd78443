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
  /** Log record exporters. */
  public static final String[] LOG_EXPORTERS = {"otlp", "logging", "none"};
  /** Metric exporters. */
  public static final String[] METRIC_EXPORTERS = {"otlp", "logging", "prometheus", "none"};
  /** Samplers, named as {@code OTEL_TRACES_SAMPLER} names them. */
  public static final String[] SAMPLERS = {"parentbased_traceidratio", "parentbased_always_on",
      "parentbased_always_off", "traceidratio", "always_on", "always_off"};

  /**
   * Where and how one signal is exported over OTLP: {@code otel.otlp.*}, overridden key by key by
   * {@code otel.otlp.<signal>.*}.
   *
   * @param url the final URL: for http/protobuf the generic endpoint plus {@code /v1/<signal>},
   *     a per-signal endpoint as given (the OTLP exporter specification's rule); for gRPC the
   *     endpoint as given
   */
  record Otlp(String protocol, String url, Map<String, String> headers, Duration timeout,
      String compression, boolean retry) {}

  final Map<String, String> resource;
  final boolean registerGlobal;
  final boolean resourceDetection;
  final boolean runtimeMetrics;

  final String tracesExporter;
  final String sampler;
  final double samplerRatio;
  final int maxQueueSize;
  final int maxExportBatchSize;
  final Duration scheduleDelay;
  final Duration exportTimeout;

  final String logsExporter;
  final int logsMaxQueueSize;
  final Duration logsScheduleDelay;

  final String metricsExporter;
  final Duration exportInterval;
  final String temporality;
  final Map<String, List<Double>> histogramBuckets;
  final int cardinalityLimit;

  final Otlp tracesOtlp;
  final Otlp metricsOtlp;
  final Otlp logsOtlp;

  final String prometheusHost;
  final int prometheusPort;

  final String zipkinEndpoint;
  final Duration zipkinTimeout;

  private OtelSettings(BackendConfig config) {
    resource = config.getStringMap("resource", Map.of());
    registerGlobal = config.getBoolean("register_global", false);
    resourceDetection = config.getBoolean("resource_detection", false);
    runtimeMetrics = config.getBoolean("runtime_metrics", false);

    BackendConfig traces = config.section("traces");
    tracesExporter = traces.getChoice("exporter", "otlp", TRACE_EXPORTERS);
    sampler = traces.getChoice("sampler", "parentbased_traceidratio", SAMPLERS);
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

    BackendConfig logs = config.section("logs");
    logsExporter = logs.getChoice("exporter", "otlp", LOG_EXPORTERS);
    BackendConfig logsBatch = logs.section("batch");
    logsMaxQueueSize = logsBatch.getInt("max_queue_size", 2048, 1, 1_000_000);
    logsScheduleDelay = positive(logsBatch, "schedule_delay", Duration.ofSeconds(1));

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
    tracesOtlp = otlp(otlp, "traces");
    metricsOtlp = otlp(otlp, "metrics");
    logsOtlp = otlp(otlp, "logs");

    BackendConfig prometheus = config.section("prometheus");
    prometheusHost = prometheus.getString("host", "127.0.0.1");
    prometheusPort = prometheus.getInt("port", 9464, 0, 65535);

    BackendConfig zipkin = config.section("zipkin");
    zipkinEndpoint = httpUrl(zipkin, "endpoint", "http://localhost:9411/api/v2/spans");
    zipkinTimeout = positive(zipkin, "timeout", Duration.ofSeconds(10));
  }

  private static Otlp otlp(BackendConfig otlp, String signal) {
    BackendConfig own = otlp.section(signal);
    String generalProtocol = otlp.getChoice("protocol", "http/protobuf", "http/protobuf", "grpc");
    String protocol = own.has("protocol")
        ? own.getChoice("protocol", generalProtocol, "http/protobuf", "grpc") : generalProtocol;
    boolean grpc = protocol.equals("grpc");
    String defaultEndpoint = grpc ? "http://localhost:4317" : "http://localhost:4318";
    String general = httpUrl(otlp, "endpoint", defaultEndpoint);
    String url;
    if (own.has("endpoint")) {
      url = httpUrl(own, "endpoint", grpc ? general : Exporters.httpSignalUrl(general, signal));
    } else {
      url = grpc ? general : Exporters.httpSignalUrl(general, signal);
    }
    Map<String, String> headers = new LinkedHashMap<>(headers(otlp));
    headers.putAll(headers(own));
    Duration generalTimeout = positive(otlp, "timeout", Duration.ofSeconds(10));
    Duration timeout = own.has("timeout") ? positive(own, "timeout", generalTimeout) : generalTimeout;
    String generalCompression = otlp.getChoice("compression", "gzip", "gzip", "none");
    String compression = own.has("compression")
        ? own.getChoice("compression", generalCompression, "gzip", "none") : generalCompression;
    boolean retry = otlp.getBoolean("retry", true);
    return new Otlp(protocol, url, Map.copyOf(headers), timeout, compression, retry);
  }

  private static Map<String, String> headers(BackendConfig section) {
    BackendConfig headers = section.section("headers");
    Map<String, String> headerMap = new LinkedHashMap<>();
    for (String name : headers.keys()) {
      // Header values carry API keys: read them as secrets so the summary masks them.
      String value = headers.getSecret(name, "");
      if (!isHeaderName(name)) {
        section.problem("headers", "header name \"" + name + "\" is not an HTTP token (letters, digits and"
            + " !#$%&'*+-.^_`|~, no spaces); the exporter would reject every request");
      } else if (!isHeaderValue(value)) {
        // The value is a secret: say what is wrong with it, never what it is.
        section.problem("headers", "the value of header \"" + name + "\" holds a line break, a control or a"
            + " non-ASCII character; the exporter would reject every request");
      } else {
        headerMap.put(name, value);
      }
    }
    return headerMap;
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
        if (uri.getPort() > 65_535) {
          section.problem(key, "port " + uri.getPort() + " is out of range (1-65535)");
          return defaultValue;
        }
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    section.problem(key, "expected an http:// or https:// URL with a host");
    return defaultValue;
  }

  /** An HTTP header name: a token of RFC 9110 (what OkHttp and the JDK client accept). */
  static boolean isHeaderName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        return false;
      }
    }
    return true;
  }

  /** An HTTP header value the exporters can send: visible ASCII, spaces and tabs. */
  static boolean isHeaderValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c == '\t' || c >= 0x20 && c < 0x7f)) {
        return false;
      }
    }
    return true;
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
