package dev.obskit.core.internal.errors;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.SpanContext;
import dev.obskit.api.User;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.Drops;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Completes an error before it reaches the sinks: the global scope merged in (the capture's own
 * values win), the current span's ids, a timestamp, oversize strings dropped and secrets scrubbed.
 */
public final class ErrorCapture {
  private final ErrorSink sink;
  private final DefaultScrubber scrubber;
  private final Drops drops;
  private final Supplier<SpanContext> currentSpan;
  private final ErrorScope scope = new ErrorScope();

  public ErrorCapture(ErrorSink sink, DefaultScrubber scrubber, Drops drops, Supplier<SpanContext> currentSpan) {
    this.sink = sink;
    this.scrubber = scrubber;
    this.drops = drops;
    this.currentSpan = currentSpan;
  }

  public void capture(ErrorEvent event) {
    ErrorScope.Snapshot s = scope.snapshot();
    // A fresh builder: scope first, then the event's own values, which win.
    ErrorEvent.Builder out = event.error() != null ? ErrorEvent.builder(event.error()) : ErrorEvent.message(event.message());
    out.message(event.message()).level(event.level());
    Map<String, String> tags = new LinkedHashMap<>(s.tags());
    tags.putAll(event.tags());
    scrubber.scrubTags(cleanTags(tags)).forEach(out::tag);
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>(s.contexts());
    contexts.putAll(event.contexts());
    contexts.forEach((name, values) -> out.namedContext(name, cleanData(values, "context", name)));
    out.context(cleanData(event.context(), "error context"));
    out.user(event.user() != null ? event.user() : s.user());
    out.fingerprint(event.fingerprint());
    SpanContext sc = event.spanContext().isValid() ? event.spanContext() : currentSpan.get();
    out.spanContext(sc == null ? SpanContext.invalid() : sc);
    out.timestampMillis(event.timestampMillis() != 0 ? event.timestampMillis() : System.currentTimeMillis());
    sink.capture(out.build());
  }

  public void setUser(User user) {
    scope.setUser(user);
    sink.setUser(user);
  }

  public void setTag(String key, String value) {
    if (!drops.checkName(key, "tag")) {
      return;
    }
    if (value != null && !drops.checkString(value, "tag", key)) {
      return;
    }
    String v = value != null && scrubber.isSensitiveKey(key) ? DefaultScrubber.FILTERED : value;
    scope.setTag(key, v);
    sink.setTag(key, v);
  }

  public void setContext(String name, Map<String, ?> values) {
    if (!drops.checkName(name, "context")) {
      return;
    }
    Map<String, Object> clean = values == null ? null : cleanData(values, "context", name);
    scope.setContext(name, clean);
    sink.setContext(name, clean);
  }

  /**
   * {@link #cleanData(Map, String)} for {@code <kind> '<name>'}; the description is built only if
   * a value is dropped.
   */
  public Map<String, Object> cleanData(Map<String, ?> data, String kind, String name) {
    if (data != null) {
      int max = drops.limits().maxStringLength();
      for (Object v : data.values()) {
        if (v instanceof String && ((String) v).length() > max) {
          return cleanData(data, kind + " '" + name + "'");
        }
      }
    }
    return cleanData(data, kind);
  }

  /** Drops oversize string values and null keys/values, then scrubs secrets. */
  public Map<String, Object> cleanData(Map<String, ?> data, String where) {
    if (data == null || data.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    data.forEach((k, v) -> {
      if (k == null || v == null) {
        return;
      }
      if (v instanceof String && ((String) v).length() > drops.limits().maxStringLength()) {
        drops.checkString((String) v, where + " value", k);
        return;
      }
      kept.put(k, v);
    });
    return scrubber.scrub(kept);
  }

  private Map<String, String> cleanTags(Map<String, String> tags) {
    Map<String, String> kept = new LinkedHashMap<>();
    tags.forEach((k, v) -> {
      if (drops.checkString(v, "tag", k)) {
        kept.put(k, v);
      }
    });
    return kept;
  }
}
