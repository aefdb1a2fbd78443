package dev.obskit.logging;

import dev.obskit.api.SpanContext;
import java.util.Objects;
import java.util.function.Function;

/**
 * The names under which the current span's ids go into the logging framework's MDC (default
 * {@code trace_id}, {@code span_id}, {@code trace_flags}, the names OpenTelemetry's MDC
 * instrumentation uses), and the way back from those entries to a {@link SpanContext}.
 */
public final class TraceContextKeys {
  /** {@code trace_id}, {@code span_id}, {@code trace_flags}. */
  public static final TraceContextKeys DEFAULT = new TraceContextKeys("trace_id", "span_id", "trace_flags");

  private final String traceId;
  private final String spanId;
  private final String traceFlags;

  /** Keys with these names; none may be blank. */
  public TraceContextKeys(String traceId, String spanId, String traceFlags) {
    this.traceId = requireName(traceId, "traceId");
    this.spanId = requireName(spanId, "spanId");
    this.traceFlags = requireName(traceFlags, "traceFlags");
  }

  private static String requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " key must not be blank");
    }
    return name.trim();
  }

  /** The trace id's key. */
  public String traceId() {
    return traceId;
  }

  /** The span id's key. */
  public String spanId() {
    return spanId;
  }

  /** The trace flags' key (two lower-case hex digits of the W3C flags byte, e.g. {@code 01} sampled). */
  public String traceFlags() {
    return traceFlags;
  }

  /** Whether {@code key} is one of the three. */
  public boolean isKey(String key) {
    return traceId.equals(key) || spanId.equals(key) || traceFlags.equals(key);
  }

  /**
   * The W3C trace flags of {@code context} as two lower-case hex digits of the whole byte (so
   * {@code 03} stays {@code 03}: bits other than "sampled" are kept, as in a traceparent).
   */
  public static String flags(SpanContext context) {
    int b = context.traceFlags() & 0xff;
    return new String(new char[] {Character.forDigit(b >> 4, 16), Character.forDigit(b & 0xf, 16)});
  }

  /**
   * The span whose ids {@code mdc} holds under these keys, or invalid when they are absent or
   * malformed (an MDC is application data: nothing in it is trusted).
   */
  public SpanContext read(Function<String, String> mdc) {
    String trace = mdc.apply(traceId);
    String span = trace == null ? null : mdc.apply(spanId);
    if (!SpanContext.isValidTraceId(trace) || !SpanContext.isValidSpanId(span)) {
      return SpanContext.invalid();
    }
    String flags = mdc.apply(traceFlags);
    boolean sampled = flags == null || flags.length() != 2 || (Character.digit(flags.charAt(1), 16) & 1) == 1;
    return SpanContext.create(trace, span, sampled, "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceContextKeys k && k.traceId.equals(traceId) && k.spanId.equals(spanId)
        && k.traceFlags.equals(traceFlags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId, traceFlags);
  }

  @Override
  public String toString() {
    return traceId + "/" + spanId + "/" + traceFlags;
  }
}
