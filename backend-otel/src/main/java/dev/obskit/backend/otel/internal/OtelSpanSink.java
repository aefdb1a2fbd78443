package dev.obskit.backend.otel.internal;

import dev.obskit.api.Scope;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.ContextSnapshot;
import dev.obskit.api.spi.ForeignSpanListener;
import dev.obskit.api.spi.SpanHandle;
import dev.obskit.api.spi.SpanSink;
import dev.obskit.api.spi.SpanStart;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * Spans on the OpenTelemetry SDK. As the primary trace backend the OpenTelemetry {@link Context}
 * is the truth for "the current span", so facade spans and spans of any other instrumentation
 * using this SDK nest both ways. As a mirror it recreates the primary's spans with the same ids.
 */
final class OtelSpanSink implements SpanSink {
  private final Tracer tracer;
  private final ForeignSpanProcessor foreignSpans;
  /** Whether this sink mirrors another primary (then the SDK's id generator and sampler read the start marker). */
  private final boolean mirror;

  OtelSpanSink(Tracer tracer, ForeignSpanProcessor foreignSpans, boolean mirror) {
    this.tracer = tracer;
    this.foreignSpans = foreignSpans;
    this.mirror = mirror;
  }

  @Override
  public SpanHandle start(SpanStart start) {
    SpanBuilder builder = tracer.spanBuilder(start.name()).setSpanKind(Contexts.toOtel(start.kind()));
    if (!start.parentIsCurrent()) {
      // Without this the SDK's own default applies: the span current in Context.current().
      builder.setParent(parentContext(start.parent()));
    }
    if (start.startEpochNanos().isPresent()) {
      builder.setStartTimestamp(start.startEpochNanos().getAsLong(), TimeUnit.NANOSECONDS);
    }
    if (!start.links().isEmpty()) {
      for (SpanContext link : start.links()) {
        if (link.isValid()) {
          builder.addLink(Contexts.toOtel(link));
        }
      }
    }
    if (!start.attributes().isEmpty()) {
      // Set before start so that samplers see them, as the facade's javadoc promises.
      AttributesBuilder attributes = Attributes.builder();
      start.attributes().forEach((key, value) -> OtelSpanHandle.put(attributes, key, value));
      builder.setAllAttributes(attributes.build());
    }
    // Only a mirror's id generator and sampler, and the foreign-span processor once mirrors
    // listen, read the start marker.
    if (!mirror && !foreignSpans.hasListener()) {
      return new OtelSpanHandle(builder.startSpan());
    }
    Span span;
    StartInProgress.begin(start.assignedContext());
    try {
      span = builder.startSpan();
    } finally {
      StartInProgress.end();
    }
    return new OtelSpanHandle(span);
  }

  /**
   * The OTel parent for the facade's resolved parent. When it is the span current in the OTel
   * context, that context is used as is (it may carry entries of other instrumentation);
   * otherwise the parent is wrapped on an empty context.
   */
  private static Context parentContext(SpanContext parent) {
    if (!parent.isValid()) {
      return Context.root();
    }
    Context current = Context.current();
    if (Contexts.sameSpan(parent, Span.fromContext(current).getSpanContext())) {
      return current;
    }
    return Context.root().with(Span.wrap(Contexts.toOtel(parent)));
  }

  @Override
  public boolean ownsContext() {
    return true;
  }

  @Override
  public SpanContext currentContext() {
    return Contexts.toFacade(Span.current().getSpanContext());
  }

  @Override
  public SpanHandle currentSpan() {
    Span current = Span.current();
    return current.getSpanContext().isValid() ? new OtelSpanHandle(current) : null;
  }

  @Override
  public ContextSnapshot captureContext() {
    Context captured = Context.current();
    return () -> {
      io.opentelemetry.context.Scope scope = captured.makeCurrent();
      return scope::close;
    };
  }

  @Override
  public void setForeignSpanListener(ForeignSpanListener listener) {
    foreignSpans.setListener(listener);
  }

  @Override
  public String toString() {
    return "OtelSpanSink";
  }
}
