package dev.obskit.backend.sentry.internal;

import dev.obskit.api.spi.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.SentryBaseEvent;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the SDK's scrubber (with {@code sentry.scrub_keys} added) to everything a Sentry event,
 * transaction or breadcrumb carries as key/values: tags, extra, contexts, breadcrumb data, user
 * data, request headers, cookies and data. Matching and copying are the scrubber's; this class
 * only knows where Sentry keeps them.
 */
final class SecretScrubbing {
  /** Contexts Sentry fills itself with ids and runtime facts: never secrets, keep them intact. */
  private static final Set<String> SDK_CONTEXTS = Set.of("trace", "runtime", "os", "device", "app",
      "browser", "gpu");

  private final Scrubber scrubber;

  SecretScrubbing(Scrubber scrubber) {
    this.scrubber = scrubber;
  }

  boolean isSensitive(String key) {
    return scrubber.isSensitiveKey(key);
  }

  /** What Sentry gets as span data under {@code key}: {@link Scrubber#FILTERED} for a secret. */
  Object spanData(String key, Object value) {
    return isSensitive(key) ? Scrubber.FILTERED : value;
  }

  /**
   * Scrubs an event or transaction in place. Every part is checked on every event (facade or
   * not, Sentry adds scope data and breadcrumbs of its own); a part is replaced only when
   * something in it must change, so data the core scrubbed already is sent as it is.
   */
  <T extends SentryBaseEvent> T scrubEvent(T event) {
    Map<String, String> tags = event.getTags();
    if (tags != null && !scrubber.isClean(tags)) {
      for (String key : new ArrayList<>(tags.keySet())) {
        if (isSensitive(key)) {
          event.setTag(key, Scrubber.FILTERED);
        }
      }
    }
    Map<String, Object> extra = event.getExtras();
    if (extra != null && !scrubber.isClean(extra)) {
      event.setExtras(scrubber.scrub(extra));
    }
    scrubContexts(event.getContexts());
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs != null) {
      for (Breadcrumb b : crumbs) {
        scrubBreadcrumb(b);
      }
    }
    User user = event.getUser();
    if (user != null && user.getData() != null && !scrubber.isClean(user.getData())) {
      user.setData(filtered(user.getData()));
    }
    Request request = event.getRequest();
    if (request != null) {
      scrubRequest(request);
    }
    return event;
  }

  private void scrubContexts(Contexts contexts) {
    for (String name : Collections.list(contexts.keys())) {
      if (SDK_CONTEXTS.contains(name)) {
        continue;
      }
      Object value = contexts.get(name);
      if (isSensitive(name)) {
        contexts.put(name, Map.of("value", Scrubber.FILTERED));
      } else if (value instanceof Map && !scrubber.isClean(stringKeyed(value))) {
        contexts.put(name, scrubber.scrub(stringKeyed(value)));
      }
    }
  }

  private void scrubRequest(Request request) {
    if (request.getHeaders() != null && !scrubber.isClean(request.getHeaders())) {
      request.setHeaders(filtered(request.getHeaders()));
    }
    if (request.getCookies() != null) {
      request.setCookies(Scrubber.FILTERED);
    }
    if (request.getData() instanceof Map && !scrubber.isClean(stringKeyed(request.getData()))) {
      request.setData(scrubber.scrub(stringKeyed(request.getData())));
    }
  }

  /** Scrubs a breadcrumb's data in place. */
  Breadcrumb scrubBreadcrumb(Breadcrumb crumb) {
    Map<String, Object> data = crumb.getData();
    if (data != null && !scrubber.isClean(data)) {
      scrubber.scrub(data).forEach(crumb::setData);
    }
    return crumb;
  }

  /** A flat string map (tags, headers, user data) with the values of sensitive keys filtered. */
  private Map<String, String> filtered(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, isSensitive(k) ? Scrubber.FILTERED : v));
    return out;
  }

  /** A map Sentry holds as {@code Object}; the scrubber reads every key as a string. */
  @SuppressWarnings("unchecked")
  private static Map<String, ?> stringKeyed(Object map) {
    return (Map<String, ?>) map;
  }
}
