package dev.obskit.benchmarks.support;

import io.sentry.Sentry;
import io.sentry.SentryOpenTelemetryMode;
import java.net.InetAddress;

/**
 * Initializes the global Sentry SDK with the options the facade's Sentry backend sets on its own
 * client (same queue size, sample rate, server name, no process-wide hooks), sending to a {@link
 * LocalSentryServer} through Sentry's default asynchronous HTTP transport.
 */
public final class RawSentry {
  private RawSentry() {}

  /** {@code Sentry.init} against {@code server}; {@code tracesSampleRate} null disables tracing. */
  public static void init(LocalSentryServer server, Double tracesSampleRate) {
    String host = hostName();
    Sentry.init(options -> {
      options.setDsn(server.dsn());
      options.setEnvironment("bench");
      options.setServerName(host);
      options.setAttachServerName(host != null);
      options.setMaxQueueSize(30);
      options.setTracesSampleRate(tracesSampleRate);
      options.setSendDefaultPii(false);
      options.setEnableShutdownHook(false);
      options.setEnableUncaughtExceptionHandler(false);
      options.setEnableExternalConfiguration(false);
      options.setOpenTelemetryMode(SentryOpenTelemetryMode.OFF);
    });
  }

  /** Flushes and closes the global SDK. */
  public static void close() {
    Sentry.flush(2000);
    Sentry.close();
  }

  /** Fails if {@code server} received nothing: the benchmark would have measured nothing. */
  public static void requireEnvelopes(LocalSentryServer server, String what) {
    if (server.envelopes() == 0) {
      throw new IllegalStateException("the local Sentry server received no envelope for " + what
          + ": the benchmark measured nothing");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return null;
    }
  }
}
