package dev.obskit.core.internal.propagation;

import dev.obskit.api.SpanContext;

/**
 * W3C Trace Context ({@code traceparent}, {@code tracestate}), parsed strictly per the
 * specification: version {@code 00} must be exactly 55 characters; a higher version may be
 * longer if the extra part starts with {@code -} (forward compatibility); version {@code ff},
 * upper-case hex and all-zero ids are invalid.
 */
public final class W3CTraceContext {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  /** The specification allows at most 32 list members of at most 256 characters each. */
  static final int MAX_TRACESTATE_LENGTH = 512;
  private static final int TRACEPARENT_LENGTH = 55;

  private W3CTraceContext() {}

  /** The {@code traceparent} value for {@code context}. */
  public static String traceparent(SpanContext context) {
    return "00-" + context.traceId() + "-" + context.spanId() + (context.isSampled() ? "-01" : "-00");
  }

  /**
   * A remote context, or null when {@code traceparent} is malformed. An absent header is the
   * caller's business (null in, {@link SpanContext#invalid()} out).
   */
  public static SpanContext parse(String traceparent, String tracestate) {
    if (traceparent == null) {
      return SpanContext.invalid();
    }
    String h = traceparent.trim();
    if (h.length() < TRACEPARENT_LENGTH) {
      return null;
    }
    int version = lowerHexByte(h, 0);
    if (version < 0 || version == 0xff) {
      return null;
    }
    if (version == 0 ? h.length() != TRACEPARENT_LENGTH : h.length() > TRACEPARENT_LENGTH && h.charAt(TRACEPARENT_LENGTH) != '-') {
      return null;
    }
    if (h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
      return null;
    }
    String traceId = h.substring(3, 35);
    String spanId = h.substring(36, 52);
    int flags = lowerHexByte(h, 53);
    // The ids' checks are the api's own, so parsing and SpanContext agree on what is valid.
    if (!SpanContext.isValidTraceId(traceId) || !SpanContext.isValidSpanId(spanId) || flags < 0) {
      return null;
    }
    boolean sampled = (flags & 1) == 1;
    return SpanContext.createRemote(traceId, spanId, sampled, sanitizeTraceState(tracestate));
  }

  /**
   * Passes {@code tracestate} through when it is plausible; the specification allows dropping
   * it rather than propagating something we cannot vouch for.
   */
  static String sanitizeTraceState(String tracestate) {
    if (tracestate == null) {
      return "";
    }
    String t = tracestate.trim();
    if (t.isEmpty() || t.length() > MAX_TRACESTATE_LENGTH) {
      return "";
    }
    int members = 0;
    for (String member : t.split(",", -1)) {
      String m = member.trim();
      if (m.isEmpty()) {
        continue;
      }
      int eq = m.indexOf('=');
      if (eq <= 0 || eq == m.length() - 1) {
        return "";
      }
      members++;
    }
    return members > 32 ? "" : t;
  }

  /**
   * The byte written as two lower-case hex digits at {@code at}, or -1. Version and flags are
   * single bytes where zero is valid, so the api's id checks (fixed length, not all zero) do not
   * apply to them.
   */
  private static int lowerHexByte(String s, int at) {
    int hi = lowerHexDigit(s.charAt(at));
    int lo = lowerHexDigit(s.charAt(at + 1));
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  private static int lowerHexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }
}
