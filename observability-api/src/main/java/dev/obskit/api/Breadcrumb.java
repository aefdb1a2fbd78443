package dev.obskit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step that led up to an error: what {@link Observability#recordEvent(String, Map)} leaves
 * in the current scope (see {@link Observability#isolate()}). Errors and Sentry transactions
 * carry the breadcrumbs of their own scope. Immutable.
 */
public final class Breadcrumb {
  private final String category;
  private final String message;
  private final Level level;
  private final Map<String, Object> data;
  private final SpanContext spanContext;
  private final long timestampMillis;

  private Breadcrumb(String category, String message, Level level, Map<String, Object> data,
      SpanContext spanContext, long timestampMillis) {
    this.category = category;
    this.message = message;
    this.level = level;
    this.data = data;
    this.spanContext = spanContext;
    this.timestampMillis = timestampMillis;
  }

  /**
   * A breadcrumb made now, for {@link Observability#addBreadcrumb}, which records the span
   * current at that call.
   *
   * @param category what kind of step ({@code http.request}, {@code cache})
   * @param message a human-readable line; may be null
   * @param level its severity
   * @param data key/values, copied (null keys and values are left out)
   */
  public static Breadcrumb of(String category, String message, Level level, Map<String, ?> data) {
    return of(category, message, level, data, SpanContext.invalid(), System.currentTimeMillis());
  }

  /**
   * A breadcrumb.
   *
   * @param category what kind of step (an event's name, a logger's name)
   * @param message a human-readable line; may be null
   * @param level its severity
   * @param data key/values, copied (null keys and values are left out)
   * @param spanContext the span current when it was recorded, or {@link SpanContext#invalid()}
   * @param timestampMillis when, in milliseconds since the epoch
   */
  public static Breadcrumb of(String category, String message, Level level, Map<String, ?> data,
      SpanContext spanContext, long timestampMillis) {
    Objects.requireNonNull(category, "category");
    Map<String, Object> copy;
    if (data == null || data.isEmpty()) {
      copy = Map.of();
    } else {
      Map<String, Object> m = new LinkedHashMap<>();
      data.forEach((k, v) -> {
        if (k != null && v != null) {
          m.put(k, v);
        }
      });
      copy = Collections.unmodifiableMap(m);
    }
    return new Breadcrumb(category, message, level == null ? Level.INFO : level, copy,
        spanContext == null ? SpanContext.invalid() : spanContext, timestampMillis);
  }

  /** What kind of step: an event's name, a logger's name. */
  public String category() {
    return category;
  }

  /** The human-readable line, or null. */
  public String message() {
    return message;
  }

  /** The severity. */
  public Level level() {
    return level;
  }

  /** Key/values (unmodifiable), never null. */
  public Map<String, Object> data() {
    return data;
  }

  /** The span current when it was recorded, or invalid. */
  public SpanContext spanContext() {
    return spanContext;
  }

  /** When, in milliseconds since the epoch. */
  public long timestampMillis() {
    return timestampMillis;
  }

  @Override
  public String toString() {
    return "Breadcrumb{" + category + (message != null && !message.equals(category) ? ": " + message : "")
        + ", data=" + data.keySet() + '}';
  }
}
