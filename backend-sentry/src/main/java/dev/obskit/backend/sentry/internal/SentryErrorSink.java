package dev.obskit.backend.sentry.internal;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.ErrorSink;
import io.sentry.Hint;
import io.sentry.IScopes;
import io.sentry.PropagationContext;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SpanId;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import java.util.ArrayList;
import java.util.Date;
import java.util.Map;

/**
 * Turns facade errors into Sentry events on the backend's private scopes.
 *
 * <p>Correlation: each capture runs with a propagation context built from the event's span ids,
 * which Sentry uses both for the event's {@code contexts.trace} and for the envelope header's
 * {@code trace} (dynamic sampling context). Errors without a span get a fresh trace of their own
 * rather than one process-wide trace.
 *
 * <p>The event already carries its scope (user, tags, contexts, breadcrumbs of the request scope it
 * was captured in, else the process-wide one): nothing per-request is ever kept on the backend's
 * Sentry scopes, which every event would share. The facade's setUser/setTag/setContext therefore
 * need no forwarding here.
 *
 * <p>{@link ErrorEvent#context()} becomes the Sentry context named {@value #CONTEXT_NAME}
 * (Sentry deprecates "extra" in favour of structured contexts); named contexts keep their names.
 */
final class SentryErrorSink implements ErrorSink {
  /** The Sentry context that holds {@link ErrorEvent#context()}. */
  static final String CONTEXT_NAME = "context";

  private final IScopes scopes;
  private final BackendContext context;
  private final SecretScrubbing scrubbing;
  private final ScopeDataMapping mapping;
  private final Delivery delivery;

  SentryErrorSink(IScopes scopes, BackendContext context, SecretScrubbing scrubbing, ScopeDataMapping mapping,
      Delivery delivery) {
    this.delivery = delivery;
    this.scopes = scopes;
    this.context = context;
    this.scrubbing = scrubbing;
    this.mapping = mapping;
  }

  SecretScrubbing scrubbing() {
    return scrubbing;
  }

  @Override
  public void capture(ErrorEvent e) {
    delivery.attempted(Delivery.ERRORS);
    SentryEvent event = e.error() != null ? new SentryEvent(e.error()) : new SentryEvent();
    if (e.timestampMillis() > 0) {
      event.setTimestamp(new Date(e.timestampMillis()));
    }
    String message = e.message();
    if (message != null && (e.error() == null || !message.equals(e.error().getMessage()))) {
      Message m = new Message();
      m.setFormatted(message);
      event.setMessage(m);
    }
    event.setLevel(level(e.level()));
    // ErrorEvent's maps are immutable: Sentry only reads them (serialisation), and scrubbing
    // replaces rather than edits a context, so they are handed over without a copy.
    if (!e.context().isEmpty()) {
      event.getContexts().put(CONTEXT_NAME, e.context());
    }
    if (!e.contexts().isEmpty()) {
      e.contexts().forEach(event.getContexts()::put);
    }
    if (!e.tags().isEmpty()) {
      e.tags().forEach(event::setTag);
    }
    if (e.user() != null) {
      event.setUser(mapping.user(e.user()));
    }
    // The SDK put the capturing scope's breadcrumbs in the event: only that request's steps.
    mapping.setBreadcrumbs(event, e.breadcrumbs());
    if (!e.fingerprint().isEmpty()) {
      event.setFingerprints(new ArrayList<>(e.fingerprint()));
    }
    PropagationContext propagation = propagation(e.spanContext());
    scopes.captureEvent(event, new Hint(), scope -> scope.setPropagationContext(propagation));
  }

  /** The span's ids as Sentry's propagation context; a fresh trace when there is no span. */
  static PropagationContext propagation(SpanContext span) {
    if (span == null || !span.isValid()) {
      return new PropagationContext();
    }
    return new PropagationContext(new SentryId(span.traceId()), new SpanId(span.spanId()), null, null,
        span.isSampled());
  }

  /** Sets the trace context of an event captured outside the facade to the current span. */
  void correlateForeign(SentryEvent event) {
    SpanContext current = context.currentSpanContext();
    if (current == null || !current.isValid()) {
      return;
    }
    io.sentry.SpanContext existing = event.getContexts().getTrace();
    String op = existing != null ? existing.getOperation() : "default";
    io.sentry.SpanContext trace = new io.sentry.SpanContext(new SentryId(current.traceId()),
        new SpanId(current.spanId()), op, null, null);
    event.getContexts().setTrace(trace);
  }

  static SentryLevel level(Level level) {
    switch (level) {
      case DEBUG:
        return SentryLevel.DEBUG;
      case INFO:
        return SentryLevel.INFO;
      case WARNING:
        return SentryLevel.WARNING;
      case FATAL:
        return SentryLevel.FATAL;
      default:
        return SentryLevel.ERROR;
    }
  }
}
