package dev.obskit.backend.sentry.internal;

import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Correlates and scrubs errors that the application captures through Sentry's static API (its
 * own {@code Sentry.init}, a logging appender, ...) rather than through the facade.
 *
 * <p>The backend never initialises the static hub, but Sentry's global scope exists regardless
 * and its event processors run for every event of the static hub. One processor is added there
 * per class loader (Sentry offers no removal); it acts for the most recently started, still open
 * backend and does nothing once all are closed. Only the event's trace context is set here: the
 * envelope header's trace (dynamic sampling context) is computed by the static hub from its own
 * scope, which an event processor cannot reach.
 */
final class StaticHubBridge implements EventProcessor {
  private static final StaticHubBridge INSTANCE = new StaticHubBridge();
  private static boolean registered;

  private final CopyOnWriteArrayList<SentryErrorSink> active = new CopyOnWriteArrayList<>();

  private StaticHubBridge() {}

  static synchronized void attach(SentryErrorSink sink) {
    if (!registered) {
      Sentry.getGlobalScope().addEventProcessor(INSTANCE);
      registered = true;
    }
    INSTANCE.active.add(sink);
  }

  /** The processor registered on Sentry's global scope (tests). */
  static StaticHubBridge instance() {
    return INSTANCE;
  }

  static void detach(SentryErrorSink sink) {
    INSTANCE.active.remove(sink);
  }

  @Override
  public SentryEvent process(SentryEvent event, Hint hint) {
    SentryErrorSink sink = latest();
    if (sink == null) {
      return event;
    }
    try {
      sink.correlateForeign(event);
    } catch (RuntimeException e) {
      // Never lose the application's event for want of correlation; it just stays uncorrelated.
    }
    try {
      sink.scrubbing().scrubEvent(event);
    } catch (RuntimeException e) {
      // A half-scrubbed event may still hold a secret: drop it (Sentry counts it as lost) rather
      // than send it.
      return null;
    }
    return event;
  }

  /** The most recently attached open sink, or null; a concurrent detach must not make us throw. */
  private SentryErrorSink latest() {
    SentryErrorSink last = null;
    for (SentryErrorSink sink : active) {
      last = sink;
    }
    return last;
  }

  @Override
  public Long getOrder() {
    // Run after the other processors so nothing overwrites the trace context afterwards.
    return Long.MAX_VALUE;
  }
}
