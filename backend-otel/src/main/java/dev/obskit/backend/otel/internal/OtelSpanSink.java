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
    SpanBuilder builder = tracer.spanBuilder(start.name())
        .setSpanKind(Contexts.toOtel(start.kind()))
        .setParent(parentContext(start.parent()));
    if (start.startEpochNanos() > 0) {
      builder.setStartTimestamp(start.startEpochNanos(), TimeUnit.NANOSECONDS);
    }
    if (!start.links().isEmpty()) {
      // Guarded: most spans have no links, and then no iterator is made.
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
    // listen, read the start marker: a lone primary skips its two thread-local writes per span.
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

  /** By identity: the handle's span object is the one in the current OpenTelemetry context. */
  @Override
  public boolean isCurrent(SpanHandle handle) {
    if (handle instanceof OtelSpanHandle) {
      return ((OtelSpanHandle) handle).span() == Span.current();
    }
    return SpanSink.super.isCurrent(handle);
  }

  /** The SDK's spans take their times from the SDK's clock, anchored per trace. */
  @Override
  public boolean readsOwnClock() {
    return true;
  }

  @Override
  public SpanHandle currentSpan() {
    Span current = Span.current();
    return current.getSpanContext().isValid() ? new OtelSpanHandle(current) : null;
  }

  @Override
  public Scope makeCurrent(SpanHandle handle) {
    if (handle instanceof OtelSpanHandle) {
      return CurrentScope.open((OtelSpanHandle) handle);
    }
    // A handle from elsewhere: its ids are still enough for children and propagation.
    io.opentelemetry.context.Scope scope =
        Context.current().with(Span.wrap(Contexts.toOtel(handle.context()))).makeCurrent();
    return scope::close;
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
