package dev.obskit.backend.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Scope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CurrentScopeTest {
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
        // Since SDK 1.67 a provider without a span processor hands out a no-op tracer (zero ids).
        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();

  @AfterEach
  void close() {
    provider.close();
  }

  private OtelSpanHandle newHandle() {
    return new OtelSpanHandle(provider.get("test").spanBuilder("s").startSpan());
  }

  @Test
  void theFirstScopeIsTheHandleItselfAndFurtherOnesAreSeparate() {
    OtelSpanHandle handle = newHandle();
    Scope first = CurrentScope.open(handle);
    Scope second = CurrentScope.open(handle);
    assertThat(first).isSameAs(handle);
    assertThat(second).isNotSameAs(handle);
    assertThat(Span.current()).isSameAs(handle.span());
    second.close();
    assertThat(Span.current()).isSameAs(handle.span());
    first.close();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void nestedHandlesRestoreTheirParents() {
    OtelSpanHandle outer = newHandle();
    OtelSpanHandle inner = newHandle();
    try (Scope o = CurrentScope.open(outer)) {
      try (Scope i = CurrentScope.open(inner)) {
        assertThat(Span.current()).isSameAs(inner.span());
      }
      assertThat(Span.current()).isSameAs(outer.span());
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void aHandleCurrentOnOneThreadCanBeMadeCurrentOnAnother() throws Exception {
    OtelSpanHandle handle = newHandle();
    try (Scope here = CurrentScope.open(handle)) {
      boolean[] seen = CompletableFuture.supplyAsync(() -> {
        boolean before = !Span.current().getSpanContext().isValid();
        boolean during;
        try (Scope there = CurrentScope.open(handle)) {
          during = there != handle && Span.current() == handle.span();
        }
        return new boolean[] {before, during, !Span.current().getSpanContext().isValid()};
      }).get();
      assertThat(seen).containsExactly(true, true, true);
      assertThat(Span.current()).isSameAs(handle.span());
    }
  }
}
