package dev.obskit.benchmarks.support;

import io.sentry.Hint;
import io.sentry.ITransportFactory;
import io.sentry.SentryEnvelope;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Sentry transport that keeps the network out of the measurement: it counts the envelopes it
 * is handed and drops them. Sentry's HTTP transport only enqueues on the calling thread and
 * serializes on its own worker, so the caller-side cost of a capture is the same up to the
 * {@code send} call; counting proves the envelope really reached the transport.
 */
public final class CountingSentryTransport implements ITransport {
  private final LongAdder envelopes = new LongAdder();

  /** A factory handing out {@code transport} for every client, for {@code SentryOptions#setTransportFactory}. */
  public static ITransportFactory factory(CountingSentryTransport transport) {
    return (options, requestDetails) -> transport;
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) {
    envelopes.increment();
  }

  /** Envelopes received so far. */
  public long envelopes() {
    return envelopes.sum();
  }

  @Override
  public void flush(long timeoutMillis) {}

  @Override
  public RateLimiter getRateLimiter() {
    return null;
  }

  @Override
  public void close(boolean isRestarting) {}

  @Override
  public void close() {}
}
