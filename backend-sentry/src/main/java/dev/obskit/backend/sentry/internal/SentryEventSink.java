package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.EventSink;
import java.util.Map;

/**
 * Facade events become Sentry breadcrumbs. The SDK keeps them per scope ({@link
 * #keepsBreadcrumbs()}) and hands each error and transaction the breadcrumbs of its own scope,
 * so nothing is added to the backend's Sentry scopes here: breadcrumbs kept there would ride
 * along with every other request's events.
 */
final class SentryEventSink implements EventSink {
  @Override
  public boolean keepsBreadcrumbs() {
    return true;
  }

  @Override
  public void recordEvent(String name, Map<String, Object> data, SpanContext current, long epochMillis) {
    // Kept by the SDK in the current scope (see the class comment).
  }
}
