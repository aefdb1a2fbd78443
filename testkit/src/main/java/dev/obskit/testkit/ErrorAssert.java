package dev.obskit.testkit;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Level;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Narrows the recorded errors to those matching every {@code withX} called; fails listing the
 * recorded errors when none is left. Obtain one from {@link TelemetryAssert#hasError(Class)}.
 */
public final class ErrorAssert extends AbstractRecordedAssert<ErrorAssert, ErrorEvent> {

  ErrorAssert(TelemetryAssert parent, String subject, List<ErrorEvent> recorded, List<ErrorEvent> candidates) {
    super(parent, ErrorAssert.class, subject, "errors", recorded, candidates, ErrorAssert::describe);
  }

  /** The message equals {@code message}. */
  public ErrorAssert withMessage(String message) {
    return narrow("with message \"" + message + "\"", e -> Objects.equals(e.message(), message));
  }

  /** The message contains {@code part}. */
  public ErrorAssert withMessageContaining(String part) {
    return narrow("with message containing \"" + part + "\"", e -> e.message() != null && e.message().contains(part));
  }

  /** The level is {@code level}. */
  public ErrorAssert withLevel(Level level) {
    return narrow("with level " + level, e -> e.level() == level);
  }

  /** The per-capture context has {@code key} = {@code value}. */
  public ErrorAssert withContext(String key, Object value) {
    return narrow("with context " + key + "=" + value, e -> sameValue(e.context().get(key), value));
  }

  /** The tags have {@code key} = {@code value}. */
  public ErrorAssert withTag(String key, String value) {
    return narrow("with tag " + key + "=" + value, e -> value.equals(e.tags().get(key)));
  }

  /** The user has id {@code id}. */
  public ErrorAssert withUserId(String id) {
    return narrow("with user id " + id, e -> e.user() != null && id.equals(e.user().id()));
  }

  /** The error carries no user. */
  public ErrorAssert withoutUser() {
    return narrow("without a user", e -> e.user() == null);
  }

  /** The error carries no tag {@code key}. */
  public ErrorAssert withoutTag(String key) {
    return narrow("without tag " + key, e -> !e.tags().containsKey(key));
  }

  /** The error carries a breadcrumb of category {@code category} (an event name). */
  public ErrorAssert withBreadcrumb(String category) {
    return narrow("with breadcrumb " + category,
        e -> e.breadcrumbs().stream().anyMatch(b -> b.category().equals(category)));
  }

  /** The error carries no breadcrumb of category {@code category}. */
  public ErrorAssert withoutBreadcrumb(String category) {
    return narrow("without breadcrumb " + category,
        e -> e.breadcrumbs().stream().noneMatch(b -> b.category().equals(category)));
  }

  /** The fingerprint is exactly {@code parts}. */
  public ErrorAssert withFingerprint(String... parts) {
    return narrow("with fingerprint " + Arrays.toString(parts), e -> e.fingerprint().equals(List.of(parts)));
  }

  /** The exception's cause is an instance of {@code type}. */
  public ErrorAssert withCause(Class<? extends Throwable> type) {
    return narrow("with cause " + type.getSimpleName(), e -> e.error() != null && type.isInstance(e.error().getCause()));
  }

  /** The error carries the trace id of {@code span} (a facade span). */
  public ErrorAssert withTraceIdOf(Span span) {
    return withTraceIdOf(span.context());
  }

  /** The error carries the trace id of {@code span}. */
  public ErrorAssert withTraceIdOf(RecordedSpan span) {
    return withTraceIdOf(span.context());
  }

  /** The error carries the trace id of {@code context}. */
  public ErrorAssert withTraceIdOf(SpanContext context) {
    return narrow("with trace id " + context.traceId(),
        e -> e.spanContext().isValid() && e.spanContext().traceId().equals(context.traceId()));
  }

  /** The error was captured while {@code span} was current (same trace and span id). */
  public ErrorAssert inSpan(RecordedSpan span) {
    return narrow("captured in span '" + span.name() + "' (" + span.spanId() + ")",
        e -> e.spanContext().isValid() && e.spanContext().spanId().equals(span.spanId())
            && e.spanContext().traceId().equals(span.traceId()));
  }

  /** The error was captured while a span named {@code name} (finished or open) was current. */
  public ErrorAssert inSpanNamed(String name) {
    List<RecordedSpan> spans = actual.allSpans().stream().filter(s -> s.name().equals(name)).toList();
    return narrow("captured in a span named '" + name + "'", e -> e.spanContext().isValid() && spans.stream()
        .anyMatch(s -> s.spanId().equals(e.spanContext().spanId()) && s.traceId().equals(e.spanContext().traceId())));
  }

  /** The error was captured while no span was current. */
  public ErrorAssert outsideAnySpan() {
    return narrow("captured outside any span", e -> !e.spanContext().isValid());
  }

  @Override
  protected String context() {
    List<String> trees = actual.traceTrees();
    return trees.isEmpty() ? "" : "recorded spans: " + String.join("; ", trees) + "\n" + spanIds();
  }

  private String spanIds() {
    StringBuilder sb = new StringBuilder("span ids:");
    actual.allSpans().forEach(s -> sb.append(' ').append(s.name()).append('=').append(s.spanId()));
    return sb.toString();
  }

  static String describe(ErrorEvent e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.error() != null ? e.error().getClass().getName() : "message");
    sb.append(": ").append(e.message());
    sb.append(" [level ").append(e.level());
    if (!e.context().isEmpty()) {
      sb.append(", context ").append(e.context());
    }
    if (!e.tags().isEmpty()) {
      sb.append(", tags ").append(e.tags());
    }
    if (e.user() != null) {
      sb.append(", user ").append(e.user().id());
    }
    if (!e.fingerprint().isEmpty()) {
      sb.append(", fingerprint ").append(e.fingerprint());
    }
    SpanContext sc = e.spanContext();
    sb.append(sc.isValid() ? ", trace " + sc.traceId() + " span " + sc.spanId() : ", no span").append(']');
    return sb.toString();
  }
}
