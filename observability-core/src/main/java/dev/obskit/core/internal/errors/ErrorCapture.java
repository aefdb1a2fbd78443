package dev.obskit.core.internal.errors;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.SpanContext;
import dev.obskit.api.User;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.FanOut;
import dev.obskit.core.internal.InputChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Completes an error before it reaches the sinks: the current scope merged in (the request scope
 * opened by {@code isolate()}, else the process-wide one; the capture's own values win), the
 * current span's ids, a timestamp, oversize strings dropped and secrets scrubbed.
 */
public final class ErrorCapture {
  /** Self-metric: a second capture of the same exception instance, sent once. */
  public static final String DEDUPLICATED_ERRORS = "errors.deduplicated";
  private static final String NULL_ERROR = "null_error";
  private final RecentErrors recentErrors = new RecentErrors();
  private final FanOut<ErrorSink> sinks;
  private final DefaultScrubber scrubber;
  private final DropReporter drops;
  private final InputChecks checks;
  private final Supplier<SpanContext> currentSpan;
  private final ErrorScope processScope;
  private final Supplier<ErrorScope> requestScope;

  /**
   * @param processScope the process-wide scope
   * @param requestScope the request scope current on the calling thread, or null outside any
   */
  public ErrorCapture(FanOut<ErrorSink> sinks, DefaultScrubber scrubber, DropReporter drops, InputChecks checks,
      Supplier<SpanContext> currentSpan, ErrorScope processScope, Supplier<ErrorScope> requestScope) {
    this.sinks = sinks;
    this.scrubber = scrubber;
    this.drops = drops;
    this.checks = checks;
    this.currentSpan = currentSpan;
    this.processScope = processScope;
    this.requestScope = requestScope;
  }

  /** The scope current on this thread: the request scope, else the process-wide one. */
  public ErrorScope currentScope() {
    ErrorScope s = requestScope.get();
    return s != null ? s : processScope;
  }

  /** Adds a breadcrumb to the current scope (bounded: the oldest go first, counted). */
  public void addBreadcrumb(dev.obskit.api.Breadcrumb crumb) {
    currentScope().addBreadcrumb(crumb);
  }

  /**
   * Completes {@code event} (scope, span ids, timestamp, limits, scrubbing) and sends it; a null
   * event is counted, an exception captured already is counted and sent once.
   */
  public void capture(ErrorEvent event) {
    if (event == null) {
      drops.drop(NULL_ERROR, () -> "captureError(null)");
      return;
    }
    if (event.error() != null && duplicate(event.error())) {
      return;
    }
    // A fresh builder: scope first, then the event's own values, which win.
    ErrorEvent.Builder out = event.error() != null ? ErrorEvent.builder(event.error()) : ErrorEvent.message(event.message());
    out.message(event.message()).level(event.level());
    complete(out, event.tags(), event.contexts(), event.context(), event.user(), event.spanContext(),
        event.timestampMillis());
    out.fingerprint(event.fingerprint());
    if (!event.breadcrumbs().isEmpty()) {
      // The caller's own breadcrumbs follow the scope's, as the latest steps.
      java.util.List<dev.obskit.api.Breadcrumb> all = new java.util.ArrayList<>(currentScope().snapshot().breadcrumbs());
      all.addAll(event.breadcrumbs());
      out.breadcrumbs(all);
    }
    ErrorEvent completed = out.build();
    sinks.each(sink -> sink.capture(completed));
  }

  /**
   * {@code captureError(error, context, level)}: the same result without an intermediate event;
   * a null level is {@code ERROR}.
   */
  public void capture(Throwable error, Map<String, ?> context, Level level) {
    if (error == null) {
      drops.drop(NULL_ERROR, () -> "captureError(null)");
      return;
    }
    if (duplicate(error)) {
      return;
    }
    ErrorEvent.Builder out = ErrorEvent.builder(error).level(level == null ? Level.ERROR : level);
    complete(out, Map.of(), Map.of(), context, null, SpanContext.invalid(), 0);
    ErrorEvent completed = out.build();
    sinks.each(sink -> sink.capture(completed));
  }

  /** {@code captureMessage(message, level)}; a null level is {@code INFO}. */
  public void captureMessage(String message, Level level) {
    if (message == null) {
      drops.drop(NULL_ERROR, () -> "captureMessage(null)");
      return;
    }
    capture(ErrorEvent.message(message).level(level == null ? Level.INFO : level).build());
  }

  /**
   * Whether {@code error} was captured already: the application called {@code captureError(e)} and
   * also logged it through an obskit appender, or the reverse. Counted, not warned about.
   */
  private boolean duplicate(Throwable error) {
    if (recentErrors.firstCapture(error)) {
      return false;
    }
    drops.count(DEDUPLICATED_ERRORS);
    return true;
  }

  private void complete(ErrorEvent.Builder out, Map<String, String> ownTags,
      Map<String, Map<String, Object>> ownContexts, Map<String, ?> context, User user, SpanContext spanContext,
      long timestampMillis) {
    ErrorScope.Snapshot s = currentScope().snapshot();
    if (!s.tags().isEmpty() || !ownTags.isEmpty()) {
      Map<String, String> tags = new LinkedHashMap<>(s.tags());
      tags.putAll(ownTags);
      scrubber.scrubTags(cleanTags(tags)).forEach(out::tag);
    }
    if (!s.contexts().isEmpty() || !ownContexts.isEmpty()) {
      Map<String, Map<String, Object>> contexts = new LinkedHashMap<>(s.contexts());
      contexts.putAll(ownContexts);
      contexts.forEach((name, values) -> out.namedContext(name, cleanData(values, "context", name)));
    }
    if (context != null && !context.isEmpty()) {
      out.context(cleanData(context, "error context"));
    }
    out.user(user != null ? user : s.user());
    out.breadcrumbs(s.breadcrumbs());
    SpanContext sc = spanContext.isValid() ? spanContext : currentSpan.get();
    out.spanContext(sc == null ? SpanContext.invalid() : sc);
    out.timestampMillis(timestampMillis != 0 ? timestampMillis : System.currentTimeMillis());
  }

  /**
   * Sets the current scope's user; a process-wide change is also forwarded to the sinks (a
   * request scope's data reaches them only with each event). Null clears it.
   */
  public void setUser(User user) {
    ErrorScope scope = currentScope();
    scope.setUser(user);
    if (scope == processScope) {
      sinks.each(sink -> sink.setUser(user));
    }
  }

  /** Sets a scope tag (scrubbed if its key is sensitive) and forwards it; null removes it. */
  public void setTag(String key, String value) {
    if (!checks.checkName(key, "tag")) {
      return;
    }
    if (value != null && !checks.checkString(value, "tag", key)) {
      return;
    }
    String v = value != null && scrubber.isSensitiveKey(key) ? DefaultScrubber.FILTERED : value;
    ErrorScope scope = currentScope();
    if (scope.setTag(key, v) && scope == processScope) {
      sinks.each(sink -> sink.setTag(key, v));
    }
  }

  /** Sets a named scope context, cleaned and scrubbed, and forwards it; null removes it. */
  public void setContext(String name, Map<String, ?> values) {
    if (!checks.checkName(name, "context")) {
      return;
    }
    Map<String, Object> clean = values == null ? null : cleanData(values, "context", name);
    ErrorScope scope = currentScope();
    if (scope.setContext(name, clean) && scope == processScope) {
      sinks.each(sink -> sink.setContext(name, clean));
    }
  }

  /**
   * {@link #cleanData(Map, String)} for {@code <kind> '<name>'}; the description is built only if
   * a value is dropped.
   */
  public Map<String, Object> cleanData(Map<String, ?> data, String kind, String name) {
    if (data != null) {
      int max = checks.limits().maxStringLength();
      for (Object v : data.values()) {
        if (v instanceof String && ((String) v).length() > max) {
          return cleanData(data, kind + " '" + name + "'");
        }
      }
    }
    return cleanData(data, kind);
  }

  /**
   * Drops oversize string values, null keys/values and non-finite numbers, then scrubs secrets
   * (one pass, one copy, within {@link DefaultScrubber#MAX_NODES}); what was left out is counted.
   */
  public Map<String, Object> cleanData(Map<String, ?> data, String where) {
    Map<String, Object> kept = new LinkedHashMap<>();
    if (data == null || data.isEmpty()) {
      return kept;
    }
    int max = checks.limits().maxStringLength();
    DefaultScrubber.Walk walk = scrubber.walk();
    data.forEach((k, v) -> {
      if (k == null || v == null || walk.leaveOut(v)) {
        return;
      }
      if (v instanceof String && ((String) v).length() > max) {
        checks.checkString((String) v, where + " value", k);
        return;
      }
      kept.put(k, scrubber.isSensitiveKey(k) ? DefaultScrubber.FILTERED : walk.value(v, 1));
    });
    report(walk, where);
    return kept;
  }

  /** Counts what a walk left out: non-finite numbers, and containers cut at the budget. */
  void report(DefaultScrubber.Walk walk, String where) {
    if (walk.nonFinite() > 0) {
      int n = walk.nonFinite();
      drops.drop(DropReporter.NON_FINITE_VALUE, n, () -> where + " held " + n + " NaN or infinite number(s); left out"
          + " (JSON cannot carry them, and Sentry would drop the whole event)");
    }
    if (walk.truncated()) {
      drops.drop(DropReporter.TRUNCATED_DATA, () -> where + " was cut at " + DefaultScrubber.MAX_NODES + " values or "
          + "32 levels (a very large, deeply nested or shared structure); the rest became \""
          + DefaultScrubber.TRUNCATED + "\"");
    }
  }

  private Map<String, String> cleanTags(Map<String, String> tags) {
    Map<String, String> kept = new LinkedHashMap<>();
    tags.forEach((k, v) -> {
      if (checks.checkString(v, "tag", k)) {
        kept.put(k, v);
      }
    });
    return kept;
  }
}
