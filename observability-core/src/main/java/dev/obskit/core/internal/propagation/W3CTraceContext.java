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

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The {@code traceparent} value for {@code context}, with its whole trace-flags byte. */
  public static String traceparent(SpanContext context) {
    int flags = context.traceFlags() & 0xff;
    return "00-" + context.traceId() + "-" + context.spanId() + "-" + HEX[flags >> 4] + HEX[flags & 0xf];
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
    // The whole byte is kept: bits we do not know (Level 2's random, later ones) travel on.
    return SpanContext.createRemote(traceId, spanId, (byte) flags, sanitizeTraceState(tracestate));
  }

  /**
   * {@code tracestate} when every member follows the specification's grammar, else empty: the
   * specification allows dropping a header we cannot vouch for, and OpenTelemetry's propagator
   * drops the whole header in that case too, so every routing behaves the same. Empty members
   * (extra commas, blanks around them) are allowed and removed.
   */
  public static String sanitizeTraceState(String tracestate) {
    if (tracestate == null) {
      return "";
    }
    String t = tracestate.trim();
    if (t.isEmpty() || t.length() > MAX_TRACESTATE_LENGTH) {
      return "";
    }
    StringBuilder out = new StringBuilder(t.length());
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (String member : t.split(",", -1)) {
      String m = member.strip();
      if (m.isEmpty()) {
        continue;
      }
      int eq = m.indexOf('=');
      if (eq <= 0 || !isKey(m, 0, eq) || !isValue(m, eq + 1, m.length()) || !keys.add(m.substring(0, eq))) {
        return "";
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(m);
    }
    return keys.size() > 32 ? "" : out.toString();
  }

  /**
   * {@code simple-key = lcalpha 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/")}, or {@code
   * tenant-id "@" system-id} with a tenant of at most 241 and a system of at most 14 characters.
   */
  static boolean isKey(String s, int from, int to) {
    int at = s.indexOf('@', from);
    if (at >= 0 && at < to) {
      return isKeyPart(s, from, at, 241, true) && isKeyPart(s, at + 1, to, 14, false);
    }
    return isKeyPart(s, from, to, 256, false);
  }

  private static boolean isKeyPart(String s, int from, int to, int max, boolean digitFirst) {
    int length = to - from;
    if (length < 1 || length > max) {
      return false;
    }
    char first = s.charAt(from);
    if (!(first >= 'a' && first <= 'z') && !(digitFirst && first >= '0' && first <= '9')) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '*' || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code value = 0*255(chr) nblk-chr}: printable ASCII except {@code ,} and {@code =}, spaces
   * allowed inside but not at the end.
   */
  static boolean isValue(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 256 || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
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
