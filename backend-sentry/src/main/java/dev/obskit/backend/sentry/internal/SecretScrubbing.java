package dev.obskit.backend.sentry.internal;

import dev.obskit.api.spi.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.SentryBaseEvent;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the values of secret-looking keys in everything an event or breadcrumb carries as
 * key/values (tags, extra, contexts, breadcrumb data, user data, request headers and cookies).
 * Keys come from the core's scrubber plus {@code sentry.scrub_keys}, compared the same way
 * (case-insensitive, ignoring {@code -}, {@code _} and {@code .}, a key matches when it contains
 * a listed key).
 */
final class SecretScrubbing {
  /** Contexts Sentry fills itself with ids and runtime facts: never secrets, keep them intact. */
  private static final Set<String> SDK_CONTEXTS = Set.of("trace", "runtime", "os", "device", "app",
      "browser", "gpu");
  /** Nesting deeper than this is cut off (same bound as the core's scrubber). */
  static final int MAX_DEPTH = 32;

  private final Scrubber base;
  private final Set<String> extraKeys;

  SecretScrubbing(Scrubber base, List<String> extraKeys) {
    this.base = base;
    Set<String> keys = new HashSet<>();
    for (String k : extraKeys) {
      keys.add(normalize(k));
    }
    this.extraKeys = keys;
  }

  static String normalize(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  boolean isSensitive(String key) {
    if (key == null) {
      return false;
    }
    if (base.isSensitiveKey(key)) {
      return true;
    }
    if (extraKeys.isEmpty()) {
      return false;
    }
    // Containment, like the core's scrubber: extra key "session_ref" also catches "X-Session-Ref".
    String k = normalize(key);
    for (String extra : extraKeys) {
      if (k.contains(extra)) {
        return true;
      }
    }
    return false;
  }

  /** A scrubbed deep copy of {@code values}. */
  Map<String, Object> scrub(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, isSensitive(k) ? Scrubber.FILTERED : scrubValue(v, 1)));
    return out;
  }

  /**
   * A scrubbed deep copy of {@code v}. Depth is bounded because events captured through Sentry's
   * static API carry whatever the application put there, cycles included: recursing without a
   * bound would end in a StackOverflowError, and Sentry then drops the application's event.
   */
  private Object scrubValue(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      return Scrubber.FILTERED;
    }
    if (v instanceof Map) {
      Map<String, Object> nested = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String k = String.valueOf(e.getKey());
        nested.put(k, isSensitive(k) ? Scrubber.FILTERED : scrubValue(e.getValue(), depth + 1));
      }
      return nested;
    }
    if (v instanceof Collection) {
      List<Object> list = new ArrayList<>();
      for (Object x : (Collection<?>) v) {
        list.add(scrubValue(x, depth + 1));
      }
      return list;
    }
    if (v instanceof Object[]) {
      List<Object> list = new ArrayList<>();
      for (Object x : (Object[]) v) {
        list.add(scrubValue(x, depth + 1));
      }
      return list;
    }
    return v;
  }

  /** Scrubs an event or transaction in place. */
  <T extends SentryBaseEvent> T scrubEvent(T event) {
    Map<String, String> tags = event.getTags();
    if (tags != null) {
      for (Map.Entry<String, String> e : new ArrayList<>(tags.entrySet())) {
        if (isSensitive(e.getKey())) {
          event.setTag(e.getKey(), Scrubber.FILTERED);
        }
      }
    }
    Map<String, Object> extra = event.getExtras();
    if (extra != null && !extra.isEmpty()) {
      event.setExtras(scrub(extra));
    }
    Contexts contexts = event.getContexts();
    for (String name : java.util.Collections.list(contexts.keys())) {
      if (SDK_CONTEXTS.contains(name)) {
        continue;
      }
      Object value = contexts.get(name);
      if (isSensitive(name)) {
        contexts.put(name, Map.of("value", Scrubber.FILTERED));
      } else if (value instanceof Map) {
        contexts.put(name, scrubValue(value, 1));
      }
    }
    List<Breadcrumb> crumbs = event.getBreadcrumbs();
    if (crumbs != null) {
      for (Breadcrumb b : crumbs) {
        scrubBreadcrumb(b);
      }
    }
    User user = event.getUser();
    if (user != null && user.getData() != null) {
      Map<String, String> data = new LinkedHashMap<>();
      user.getData().forEach((k, v) -> data.put(k, isSensitive(k) ? Scrubber.FILTERED : v));
      user.setData(data);
    }
    Request request = event.getRequest();
    if (request != null) {
      if (request.getHeaders() != null) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((k, v) -> headers.put(k, isSensitive(k) ? Scrubber.FILTERED : v));
        request.setHeaders(headers);
      }
      if (request.getCookies() != null) {
        request.setCookies(Scrubber.FILTERED);
      }
      if (request.getData() instanceof Map) {
        request.setData(scrubValue(request.getData(), 1));
      }
    }
    return event;
  }

  /** Scrubs a breadcrumb's data in place. */
  Breadcrumb scrubBreadcrumb(Breadcrumb crumb) {
    Map<String, Object> data = crumb.getData();
    if (data != null && !data.isEmpty()) {
      for (Map.Entry<String, Object> e : scrub(new LinkedHashMap<>(data)).entrySet()) {
        crumb.setData(e.getKey(), e.getValue());
      }
    }
    return crumb;
  }
}
