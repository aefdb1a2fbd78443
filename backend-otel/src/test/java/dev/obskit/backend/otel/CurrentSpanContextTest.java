package dev.obskit.backend.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Scope;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.ContextSnapshot;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import dev.obskit.testkit.BackendHarness;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The primary tells by identity whether a handle is the current span (what the core asks first,
 * sparing a conversion of the OTel ids), and its current context stays right when scopes nest,
 * close, or when a captured context is attached without going through {@code makeCurrent}.
 */
class CurrentSpanContextTest {
  @Test
  void currentContextFollowsNestedScopesAndAttachedSnapshots() {
    try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(),
        Map.of("traces", Map.of("exporter", "none")), EnumSet.of(Signal.TRACES), true)) {
      SpanSink spans = created.backend().sinks().traces().orElseThrow();
      assertThat(spans.currentContext().isValid()).isFalse();

      SpanHandle outer = spans.start(SpanStart.builder("outer").build());
      ContextSnapshot insideInner;
      SpanHandle inner;
      assertThat(outer.isCurrent()).isFalse();
      try (Scope outerScope = outer.makeCurrent()) {
        assertThat(outer.isCurrent()).isTrue();
        assertThat(spans.currentContext()).isEqualTo(outer.context());
        assertThat(spans.currentSpan().context()).isEqualTo(outer.context());

        inner = spans.start(SpanStart.builder("inner").parent(spans.currentContext()).build());
        assertThat(inner.context().traceId()).isEqualTo(outer.context().traceId());
        // The parent left to the sink: the span current in the OpenTelemetry context.
        SpanHandle child = spans.start(SpanStart.builder("child").parentIsCurrent().build());
        assertThat(child.context().traceId()).isEqualTo(outer.context().traceId());
        assertThat(child.context().spanId()).isNotEqualTo(outer.context().spanId());
        child.end();
        try (Scope innerScope = inner.makeCurrent()) {
          assertThat(inner.isCurrent()).isTrue();
          assertThat(outer.isCurrent()).isFalse();
          assertThat(spans.currentContext()).isEqualTo(inner.context());
          insideInner = spans.captureContext();
        }
        assertThat(outer.isCurrent()).isTrue();
        assertThat(spans.currentContext()).isEqualTo(outer.context());
      }
      assertThat(outer.isCurrent()).isFalse();
      assertThat(spans.currentContext().isValid()).isFalse();
      assertThat(spans.currentSpan()).isNull();

      // Attached without makeCurrent: the very span object is current again.
      try (Scope attached = insideInner.attach()) {
        assertThat(inner.isCurrent()).isTrue();
        SpanContext current = spans.currentContext();
        assertThat(current.spanId()).isEqualTo(inner.context().spanId());
        assertThat(current.traceId()).isEqualTo(inner.context().traceId());
        assertThat(spans.currentSpan().context()).isEqualTo(current);
      }
      assertThat(spans.currentContext().isValid()).isFalse();
      inner.end();
      outer.end();
    }
  }

  @Test
  void aScopeClosedOutOfOrderLeavesNoStaleCurrentContext() {
    try (BackendHarness.Created created = BackendHarness.create(new OtelBackendProvider(),
        Map.of("traces", Map.of("exporter", "none")), EnumSet.of(Signal.TRACES), true)) {
      SpanSink spans = created.backend().sinks().traces().orElseThrow();
      SpanHandle first = spans.start(SpanStart.builder("first").build());
      SpanHandle second = spans.start(SpanStart.builder("second").build());
      Scope firstScope = first.makeCurrent();
      Scope secondScope = second.makeCurrent();
      firstScope.close(); // out of order: OTel ignores it (and logs); second stays current
      SpanContext current = spans.currentContext();
      assertThat(current.spanId()).isEqualTo(second.context().spanId());
      secondScope.close();
      // OTel restores what second's scope replaced: first (its own close was ignored).
      assertThat(spans.currentContext().spanId()).isEqualTo(first.context().spanId());
      firstScope.close(); // now in order: OTel honours it
      assertThat(spans.currentContext().isValid()).isFalse();
      first.end();
      second.end();
    }
  }
}
