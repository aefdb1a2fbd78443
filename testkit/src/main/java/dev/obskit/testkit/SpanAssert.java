package dev.obskit.testkit;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import java.util.List;

/**
 * Narrows the finished spans named as asked to those matching every {@code withX} called;
 * failures list the recorded spans and trace trees. Obtain one from {@link
 * TelemetryAssert#hasSpan(String)}.
 */
public final class SpanAssert extends AbstractRecordedAssert<SpanAssert, RecordedSpan> {

  SpanAssert(TelemetryAssert parent, String name, List<RecordedSpan> finished) {
    super(parent, SpanAssert.class, "a finished span '" + name + "'", "spans", finished,
        finished.stream().filter(s -> s.name().equals(name)).toList(), RecordedSpan::toString);
  }

  /** The span has attribute {@code key} = {@code value} (int and long compare alike). */
  public SpanAssert withAttribute(String key, Object value) {
    return narrow("with attribute " + key + "=" + value, s -> sameValue(s.attributes().get(key), value));
  }

  /** The span has attribute {@code key}, whatever its value. */
  public SpanAssert withAttributeKey(String key) {
    return narrow("with attribute " + key, s -> s.attributes().containsKey(key));
  }

  /** The span's scope (see {@link RecordedSpan#scope()}) has user id {@code id}. */
  public SpanAssert withScopeUserId(String id) {
    return narrow("with scope user id " + id, s -> s.scope().user() != null && id.equals(s.scope().user().id()));
  }

  /** The span's scope has tag {@code key} = {@code value}. */
  public SpanAssert withScopeTag(String key, String value) {
    return narrow("with scope tag " + key + "=" + value, s -> value.equals(s.scope().tags().get(key)));
  }

  /** The span's scope holds a breadcrumb of category {@code category}. */
  public SpanAssert withBreadcrumb(String category) {
    return narrow("with breadcrumb " + category,
        s -> s.scope().breadcrumbs().stream().anyMatch(b -> b.category().equals(category)));
  }

  /** The span's scope holds no breadcrumb of category {@code category}. */
  public SpanAssert withoutBreadcrumb(String category) {
    return narrow("without breadcrumb " + category,
        s -> s.scope().breadcrumbs().stream().noneMatch(b -> b.category().equals(category)));
  }

  /** The span's status is {@code status}. */
  public SpanAssert withStatus(SpanStatus status) {
    return narrow("with status " + status, s -> s.status() == status);
  }

  /** The span's kind is {@code kind}. */
  public SpanAssert withKind(SpanKind kind) {
    return narrow("of kind " + kind, s -> s.kind() == kind);
  }

  /** The span has an event named {@code name} (recorded exceptions are events named {@code exception}). */
  public SpanAssert withEvent(String name) {
    return narrow("with event '" + name + "'", s -> s.events().stream().anyMatch(e -> e.name().equals(name)));
  }

  /** The span recorded an exception of type {@code type}. */
  public SpanAssert withException(Class<? extends Throwable> type) {
    return narrow("with recorded exception " + type.getSimpleName(), s -> s.exceptions().stream().anyMatch(type::isInstance));
  }

  /** The span links to {@code linked}. */
  public SpanAssert withLinkTo(SpanContext linked) {
    return narrow("linked to " + linked.spanId(), s -> s.links().stream()
        .anyMatch(l -> l.spanId().equals(linked.spanId()) && l.traceId().equals(linked.traceId())));
  }

  /** The span's parent is a recorded span (finished or open) named {@code parentName}. */
  public SpanAssert hasParent(String parentName) {
    List<RecordedSpan> all = actual.allSpans();
    return narrow("with parent '" + parentName + "'", s -> all.stream()
        .anyMatch(p -> p.name().equals(parentName) && s.isChildOf(p)));
  }

  /** The span's parent is {@code parent}. */
  public SpanAssert hasParent(RecordedSpan parent) {
    return narrow("with parent '" + parent.name() + "' (" + parent.spanId() + ")", s -> s.isChildOf(parent));
  }

  /** The span has no parent. */
  public SpanAssert isRoot() {
    return narrow("without parent", RecordedSpan::isRoot);
  }

  /** The span is in the trace {@code traceId}. */
  public SpanAssert inTrace(String traceId) {
    return narrow("in trace " + traceId, s -> s.traceId().equals(traceId));
  }

  @Override
  protected String context() {
    StringBuilder sb = new StringBuilder("recorded trace trees:");
    List<String> trees = actual.traceTrees();
    if (trees.isEmpty()) {
      sb.append(" none");
    }
    trees.forEach(t -> sb.append("\n  ").append(t));
    return sb.toString();
  }
}
