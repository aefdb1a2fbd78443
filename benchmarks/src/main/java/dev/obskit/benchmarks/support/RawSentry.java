package dev.obskit.benchmarks.support;

import io.sentry.Sentry;

/**
 * Initializes the global Sentry SDK the way the facade's Sentry backend does, but with {@link
 * CountingSentryTransport} so that no network is involved.
 */
public final class RawSentry {
  /** A DSN on loopback; with the counting transport nothing ever connects to it. */
  public static final String DSN = "http://benchkey@127.0.0.1:9/1";

  private RawSentry() {}

  /** {@code Sentry.init} with the counting transport; returns the transport. */
  public static CountingSentryTransport init(double tracesSampleRate) {
    CountingSentryTransport transport = new CountingSentryTransport();
    Sentry.init(options -> {
      options.setDsn(DSN);
      options.setTransportFactory(CountingSentryTransport.factory(transport));
      options.setEnvironment("bench");
      options.setTracesSampleRate(tracesSampleRate);
      options.setEnableShutdownHook(false);
      options.setEnableUncaughtExceptionHandler(false);
      options.setSendDefaultPii(false);
    });
    return transport;
  }

  /** Closes the global SDK and fails if the transport received nothing. */
  public static void close(CountingSentryTransport transport, String what) {
    Sentry.flush(2000);
    Sentry.close();
    if (transport.envelopes() == 0) {
      throw new IllegalStateException("raw Sentry sent no envelope for " + what + ": the benchmark measured nothing");
    }
  }
}
