package dev.obskit.backend.sentry.internal;

import dev.obskit.api.spi.BackendConfig;
import dev.obskit.api.spi.BackendContext;
import io.sentry.RequestDetailsResolver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sentry:} section, read and validated once. Every supported key is read here (even
 * when the backend ends up disabled) so that the core reports only truly unknown keys.
 */
public final class SentrySettings {
  static final double DEFAULT_TRACES_SAMPLE_RATE = 1.0;
  /**
   * Error envelopes held for sending. Errors have this queue to themselves (transactions have
   * {@link #DEFAULT_TRACES_QUEUE_SIZE}); 100 holds a burst of errors while one is being sent.
   */
  static final int DEFAULT_MAX_QUEUE_SIZE = 100;
  /** Transaction envelopes held for sending (Sentry's own default queue size). */
  static final int DEFAULT_TRACES_QUEUE_SIZE = 30;
  static final int DEFAULT_MAX_BREADCRUMBS = 100;
  static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final String dsn;
  private final boolean dsnValid;
  private final String environment;
  private final String release;
  private final String serverName;
  private final double tracesSampleRate;
  private final boolean sendDefaultPii;
  private final int maxQueueSize;
  private final int tracesQueueSize;
  private final double mirrorSampleRate;
  private final Duration flushTimeout;
  private final Duration shutdownTimeout;
  private final int maxBreadcrumbs;
  private final boolean debug;
  private final List<String> scrubKeys;
  private final List<String> inAppIncludes;

  private SentrySettings(BackendContext context) {
    BackendConfig c = context.config();
    this.dsn = c.getSecret("dsn", "").trim();
    this.environment = c.getString("environment", context.environment());
    String version = context.serviceVersion();
    this.release = c.getString("release", version.isEmpty() ? "" : context.serviceName() + "@" + version);
    this.serverName = c.getString("server_name", "");
    this.tracesSampleRate = c.getDouble("traces_sample_rate", DEFAULT_TRACES_SAMPLE_RATE, 0.0, 1.0);
    this.sendDefaultPii = c.getBoolean("send_default_pii", false);
    this.maxQueueSize = c.getInt("max_queue_size", DEFAULT_MAX_QUEUE_SIZE, 1, 100_000);
    this.tracesQueueSize = c.getInt("traces_queue_size", DEFAULT_TRACES_QUEUE_SIZE, 1, 100_000);
    this.mirrorSampleRate = c.getDouble("mirror_sample_rate", 1.0, 0.0, 1.0);
    this.flushTimeout = c.getDuration("flush_timeout", DEFAULT_FLUSH_TIMEOUT);
    this.shutdownTimeout = c.getDuration("shutdown_timeout", DEFAULT_SHUTDOWN_TIMEOUT);
    this.maxBreadcrumbs = c.getInt("max_breadcrumbs", DEFAULT_MAX_BREADCRUMBS, 0, 1_000);
    this.debug = c.getBoolean("debug", false);
    this.scrubKeys = c.getStringList("scrub_keys", List.of());
    this.inAppIncludes = c.getStringList("in_app_includes", List.of());
    this.dsnValid = dsn.isEmpty() || validateDsn(c, dsn);
    if (flushTimeout.isNegative()) {
      c.problem("flush_timeout", "must not be negative");
    }
    if (shutdownTimeout.isNegative()) {
      c.problem("shutdown_timeout", "must not be negative");
    }
  }

  /** Reads the section of {@code context}; problems are reported to the config, not thrown. */
  public static SentrySettings read(BackendContext context) {
    return new SentrySettings(context);
  }

  private static boolean validateDsn(BackendConfig c, String dsn) {
    String reason;
    try {
      // Parses with Sentry's own DSN rules (its Dsn class is package-private), then checks what
      // Sentry accepts here but no server does: it would fail on every send, counted, not at start.
      new RequestDetailsResolver(dsn, null);
      reason = dsnShapeProblem(dsn);
      if (reason == null) {
        return true;
      }
    } catch (RuntimeException e) {
      reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    // Sentry's message may quote the DSN (URI syntax errors do): never echo the key.
    String safe = DsnMasking.maskIn(reason, dsn);
    c.problem("dsn", "malformed Sentry DSN " + DsnMasking.mask(dsn) + " (" + safe
        + "); expected http(s)://PUBLIC_KEY@HOST/PROJECT_ID");
    return false;
  }

  /** What is wrong with a DSN Sentry parsed (no host, a port out of range, a project id that is not a number), or null. */
  static String dsnShapeProblem(String dsn) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(dsn);
    } catch (java.net.URISyntaxException e) {
      return "not a URI";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "no host";
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      return "port " + uri.getPort() + " out of range (1-65535)";
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String project = path.endsWith("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (!project.matches("\\d+")) {
      return "the project id (last path segment) must be a number";
    }
    return null;
  }

  /** Whether a DSN was given (an empty DSN disables the backend). */
  public boolean hasDsn() {
    return !dsn.isEmpty();
  }

  /** Whether the DSN parsed. */
  public boolean dsnValid() {
    return dsnValid;
  }

  String dsn() {
    return dsn;
  }

  String environment() {
    return environment;
  }

  String release() {
    return release;
  }

  String serverName() {
    return serverName;
  }

  double tracesSampleRate() {
    return tracesSampleRate;
  }

  boolean sendDefaultPii() {
    return sendDefaultPii;
  }

  int maxQueueSize() {
    return maxQueueSize;
  }

  int tracesQueueSize() {
    return tracesQueueSize;
  }

  double mirrorSampleRate() {
    return mirrorSampleRate;
  }

  Duration flushTimeout() {
    return flushTimeout;
  }

  Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  int maxBreadcrumbs() {
    return maxBreadcrumbs;
  }

  boolean debug() {
    return debug;
  }

  List<String> scrubKeys() {
    return scrubKeys;
  }

  List<String> inAppIncludes() {
    return inAppIncludes;
  }

  /** The effective-configuration lines, DSN masked. */
  Map<String, String> describe(boolean tracing, boolean primary) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("dsn", DsnMasking.mask(dsn));
    d.put("environment", environment.isEmpty() ? "(sentry default: production)" : environment);
    d.put("release", release.isEmpty() ? "(none)" : release);
    d.put("server_name", serverName.isEmpty() ? "(host name)" : serverName);
    if (tracing) {
      d.put("traces", primary ? "primary (sentry assigns ids), sample rate " + tracesSampleRate
          : "mirror (ids and sampling from the primary)");
    }
    d.put("send_default_pii", String.valueOf(sendDefaultPii));
    d.put("max_queue_size", String.valueOf(maxQueueSize));
    if (tracing) {
      d.put("traces_queue_size", String.valueOf(tracesQueueSize));
      if (!primary && mirrorSampleRate < 1.0) {
        d.put("mirror_sample_rate", String.valueOf(mirrorSampleRate));
      }
    }
    if (!scrubKeys.isEmpty()) {
      d.put("scrub_keys", "+" + String.join(",", scrubKeys));
    }
    return d;
  }
}
