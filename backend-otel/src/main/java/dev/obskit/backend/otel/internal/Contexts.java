package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;

/** Converts span identities between the facade and OpenTelemetry. */
final class Contexts {
  private Contexts() {}

  /** The facade view of an OpenTelemetry span context ({@code invalid()} if not valid). */
  static dev.obskit.api.SpanContext toFacade(SpanContext otel) {
    if (otel == null || !otel.isValid()) {
      return dev.obskit.api.SpanContext.invalid();
    }
    byte flags = otel.getTraceFlags().asByte();
    String state = traceStateHeader(otel.getTraceState());
    return otel.isRemote()
        ? dev.obskit.api.SpanContext.createRemote(otel.getTraceId(), otel.getSpanId(), flags, state)
        : dev.obskit.api.SpanContext.create(otel.getTraceId(), otel.getSpanId(), flags, state);
  }

  /** The OpenTelemetry view of a facade span context ({@code getInvalid()} if not valid). */
  static SpanContext toOtel(dev.obskit.api.SpanContext facade) {
    if (facade == null || !facade.isValid()) {
      return SpanContext.getInvalid();
    }
    // The whole byte: the random bit (and any later one) must survive the round trip.
    TraceFlags flags = TraceFlags.fromByte(facade.traceFlags());
    TraceState state = parseTraceState(facade.traceState());
    return facade.isRemote()
        ? SpanContext.createFromRemoteParent(facade.traceId(), facade.spanId(), flags, state)
        : SpanContext.create(facade.traceId(), facade.spanId(), flags, state);
  }

  /** Whether two contexts name the same span. */
  static boolean sameSpan(dev.obskit.api.SpanContext facade, SpanContext otel) {
    return otel.isValid() && facade.spanId().equals(otel.getSpanId()) && facade.traceId().equals(otel.getTraceId());
  }

  /** The W3C {@code tracestate} header value for {@code state}. */
  static String traceStateHeader(TraceState state) {
    if (state.isEmpty()) {
      return "";
    }
    StringBuilder header = new StringBuilder();
    state.forEach((key, value) -> {
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(key).append('=').append(value);
    });
    return header.toString();
  }

  /**
   * Parses a W3C {@code tracestate} header. Invalid members are skipped (the OTel builder
   * validates keys and values); the header arrives from other processes and must not fail a span.
   */
  static TraceState parseTraceState(String header) {
    if (header == null || header.isBlank()) {
      return TraceState.getDefault();
    }
    String[] members = header.split(",");
    TraceStateBuilder builder = TraceState.builder();
    // put() prepends, so walk backwards to keep the header's order.
    for (int i = members.length - 1; i >= 0; i--) {
      String member = members[i].trim();
      int eq = member.indexOf('=');
      if (eq > 0) {
        builder.put(member.substring(0, eq), member.substring(eq + 1));
      }
    }
    return builder.build();
  }

  /** The OpenTelemetry kind for a facade kind. */
  static io.opentelemetry.api.trace.SpanKind toOtel(dev.obskit.api.SpanKind kind) {
    switch (kind) {
      case SERVER:
        return io.opentelemetry.api.trace.SpanKind.SERVER;
      case CLIENT:
        return io.opentelemetry.api.trace.SpanKind.CLIENT;
      case PRODUCER:
        return io.opentelemetry.api.trace.SpanKind.PRODUCER;
      case CONSUMER:
        return io.opentelemetry.api.trace.SpanKind.CONSUMER;
      default:
        return io.opentelemetry.api.trace.SpanKind.INTERNAL;
    }
  }

  /** The facade kind for an OpenTelemetry kind. */
  static dev.obskit.api.SpanKind toFacade(io.opentelemetry.api.trace.SpanKind kind) {
    switch (kind) {
      case SERVER:
        return dev.obskit.api.SpanKind.SERVER;
      case CLIENT:
        return dev.obskit.api.SpanKind.CLIENT;
      case PRODUCER:
        return dev.obskit.api.SpanKind.PRODUCER;
      case CONSUMER:
        return dev.obskit.api.SpanKind.CONSUMER;
      default:
        return dev.obskit.api.SpanKind.INTERNAL;
    }
  }
}
