package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.EventSink;
import io.sentry.Breadcrumb;
import io.sentry.IScopes;
import io.sentry.SentryLevel;
import java.util.Date;
import java.util.Map;

/**
 * Facade events become breadcrumbs on the backend's scope (category = event name); they travel
 * with the next error. Data is scrubbed by the before-breadcrumb callback.
 */
final class SentryEventSink implements EventSink {
  private final IScopes scopes;

  SentryEventSink(IScopes scopes) {
    this.scopes = scopes;
  }

  @Override
  public void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    Breadcrumb crumb = epochMillis > 0 ? new Breadcrumb(new Date(epochMillis)) : new Breadcrumb();
    crumb.setType("default");
    crumb.setCategory(name);
    crumb.setMessage(name);
    crumb.setLevel(SentryLevel.INFO);
    if (data != null) {
      data.forEach(crumb::setData);
    }
    if (current != null && current.isValid()) {
      crumb.setData("trace_id", current.traceId());
      crumb.setData("span_id", current.spanId());
    }
    scopes.addBreadcrumb(crumb);
  }
}
