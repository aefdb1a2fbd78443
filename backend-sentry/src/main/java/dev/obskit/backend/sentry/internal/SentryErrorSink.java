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
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns facade errors into Sentry events on the backend's private scopes.
 *
 * <p>Correlation: each capture runs with a propagation context built from the event's span ids,
 * which Sentry uses both for the event's {@code contexts.trace} and for the envelope header's
 * {@code trace} (dynamic sampling context). Errors without a span get a fresh trace of their own
 * rather than one process-wide trace.
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
  private final boolean sendDefaultPii;

  SentryErrorSink(IScopes scopes, BackendContext context, SecretScrubbing scrubbing, boolean sendDefaultPii) {
    this.scopes = scopes;
    this.context = context;
    this.scrubbing = scrubbing;
    this.sendDefaultPii = sendDefaultPii;
  }

  SecretScrubbing scrubbing() {
    return scrubbing;
  }

  @Override
  public void capture(ErrorEvent e) {
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
      event.setUser(user(e.user()));
    }
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

  @Override
  public void setUser(dev.obskit.api.User user) {
    scopes.setUser(user == null ? null : user(user));
  }

  @Override
  public void setTag(String key, String value) {
    if (key == null) {
      return;
    }
    if (value == null) {
      scopes.removeTag(key);
    } else {
      scopes.setTag(key, value);
    }
  }

  @Override
  public void setContext(String name, Map<String, Object> values) {
    if (name == null) {
      return;
    }
    scopes.configureScope(scope -> {
      if (values == null) {
        scope.removeContexts(name);
      } else {
        scope.setContexts(name, (Object) new LinkedHashMap<>(values));
      }
    });
  }

  private User user(dev.obskit.api.User u) {
    User s = new User();
    s.setId(u.id());
    if (sendDefaultPii) {
      s.setUsername(u.username());
      s.setEmail(u.email());
      s.setIpAddress(u.ipAddress());
      if (!u.data().isEmpty()) {
        s.setData(new LinkedHashMap<>(u.data()));
      }
    }
    return s;
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
