package dev.obskit.backend.sentry.internal;

import dev.obskit.api.spi.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.SentryBaseEvent;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /** Keys whose extra-key verdict is remembered at most (as in the core's scrubber). */
  static final int MAX_REMEMBERED_KEYS = 4096;
  /** Longer keys are never remembered (as in the core's scrubber: the bound is meant in memory). */
  static final int MAX_REMEMBERED_KEY_LENGTH = 128;

  private final Scrubber base;
  /** The extra keys, normalised; none empty (an empty one would match every key). */
  private final String[] extraKeys;
  /**
   * Extra-key verdicts for keys seen before: every key of every event is checked, and keys
   * repeat. Bounded; past the bound keys are matched on every call.
   */
  private final ConcurrentHashMap<String, Boolean> extraVerdicts = new ConcurrentHashMap<>();

  SecretScrubbing(Scrubber base, List<String> extraKeys) {
    this.base = base;
    this.extraKeys = extraKeys.stream().map(SecretScrubbing::normalize).filter(k -> !k.isEmpty()).distinct()
        .toArray(String[]::new);
  }

  boolean isSensitive(String key) {
    if (key == null) {
      return false;
    }
    return base.isSensitiveKey(key) || isExtraKey(key);
  }

  /**
   * The SDK-wide keys are the core's business ({@code base}); the api's {@link Scrubber} cannot be
   * given more keys, so {@code sentry.scrub_keys} are matched here by the same rule as the core's
   * scrubber (kept identical; SecretScrubbingTest compares the two on the core's examples).
   */
  private boolean isExtraKey(String key) {
    if (extraKeys.length == 0) {
      return false;
    }
    Boolean known = extraVerdicts.get(key);
    if (known != null) {
      return known;
    }
    boolean extra = matchesExtraKey(key);
    if (key.length() <= MAX_REMEMBERED_KEY_LENGTH && extraVerdicts.size() < MAX_REMEMBERED_KEYS) {
      extraVerdicts.putIfAbsent(key, extra);
    }
    return extra;
  }

  private boolean matchesExtraKey(String key) {
    String k = normalize(key);
    for (String extra : extraKeys) {
      if (k.contains(extra)) {
        return true;
      }
    }
    return false;
  }

  /** Lower case (root locale) without {@code -}, {@code _} and {@code .}. */
  private static String normalize(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
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

  /**
   * Whether {@link #scrubValue} would change {@code v}: a secret-looking key whose value is not
   * filtered yet, nesting past {@link #MAX_DEPTH} or an array (turned into a list). Scanning first
   * lets the usual clean event (the facade's data arrive already scrubbed by the core, whose
   * filtered values count as clean here) keep its maps instead of getting a deep copy of each.
   */
  private boolean needsScrub(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      return true;
    }
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (isSensitive(String.valueOf(e.getKey()))
            ? !Scrubber.FILTERED.equals(e.getValue())
            : needsScrub(e.getValue(), depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (v instanceof Collection) {
      for (Object x : (Collection<?>) v) {
        if (needsScrub(x, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    return v instanceof Object[];
  }

  /** Whether a flat string map holds a secret-looking key whose value is not filtered yet. */
  private boolean needsScrubFlat(Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (isSensitive(e.getKey()) && !Scrubber.FILTERED.equals(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scrubs an event or transaction in place. Every part is checked on every event (facade or
   * not, Sentry adds scope data and breadcrumbs of its own); a part is copied only when something
   * in it must change.
   */
  <T extends SentryBaseEvent> T scrubEvent(T event) {
    Map<String, String> tags = event.getTags();
    if (tags != null && needsScrubFlat(tags)) {
      for (Map.Entry<String, String> e : new ArrayList<>(tags.entrySet())) {
        if (isSensitive(e.getKey())) {
          event.setTag(e.getKey(), Scrubber.FILTERED);
        }
      }
    }
    Map<String, Object> extra = event.getExtras();
    if (extra != null && !extra.isEmpty() && needsScrub(extra, 0)) {
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
      } else if (value instanceof Map && needsScrub(value, 1)) {
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
    if (user != null && user.getData() != null && needsScrubFlat(user.getData())) {
      Map<String, String> data = new LinkedHashMap<>();
      user.getData().forEach((k, v) -> data.put(k, isSensitive(k) ? Scrubber.FILTERED : v));
      user.setData(data);
    }
    Request request = event.getRequest();
    if (request != null) {
      if (request.getHeaders() != null && needsScrubFlat(request.getHeaders())) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((k, v) -> headers.put(k, isSensitive(k) ? Scrubber.FILTERED : v));
        request.setHeaders(headers);
      }
      if (request.getCookies() != null) {
        request.setCookies(Scrubber.FILTERED);
      }
      if (request.getData() instanceof Map && needsScrub(request.getData(), 1)) {
        request.setData(scrubValue(request.getData(), 1));
      }
    }
    return event;
  }

  /** Scrubs a breadcrumb's data in place. */
  Breadcrumb scrubBreadcrumb(Breadcrumb crumb) {
    Map<String, Object> data = crumb.getData();
    if (data != null && !data.isEmpty() && needsScrub(data, 0)) {
      for (Map.Entry<String, Object> e : scrub(new LinkedHashMap<>(data)).entrySet()) {
        crumb.setData(e.getKey(), e.getValue());
      }
    }
    return crumb;
  }
}
