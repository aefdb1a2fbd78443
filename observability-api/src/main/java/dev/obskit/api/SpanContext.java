package dev.obskit.api;

import java.util.Objects;

/**
 * The W3C identity of a span: trace id (32 lowercase hex), span id (16 lowercase hex), the
 * whole trace-flags byte (sampled, random, and any bit a later version defines), the raw {@code
 * tracestate} and whether it came from another process. Immutable.
 */
public final class SpanContext {
  /** The W3C {@code sampled} trace flag. */
  public static final byte FLAG_SAMPLED = 0x01;
  /** The W3C Trace Context Level 2 {@code random} trace flag: the trace id's right 7 bytes are random. */
  public static final byte FLAG_RANDOM = 0x02;

  private static final String INVALID_TRACE = "00000000000000000000000000000000";
  private static final String INVALID_SPAN = "0000000000000000";
  private static final SpanContext INVALID =
      new SpanContext(INVALID_TRACE, INVALID_SPAN, (byte) 0, "", false);

  private final String traceId;
  private final String spanId;
  private final byte traceFlags;
  private final String traceState;
  private final boolean remote;

  private SpanContext(String traceId, String spanId, byte traceFlags, String traceState, boolean remote) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.traceFlags = traceFlags;
    this.traceState = traceState;
    this.remote = remote;
  }

  private static byte flags(boolean sampled) {
    return sampled ? FLAG_SAMPLED : 0;
  }

  /** The invalid context: all-zero ids; means "no span". */
  public static SpanContext invalid() {
    return INVALID;
  }

  /**
   * A local span context.
   *
   * @throws IllegalArgumentException if an id is not lowercase hex of the right length or is all
   *     zeros
   */
  public static SpanContext create(String traceId, String spanId, boolean sampled, String traceState) {
    return validated(traceId, spanId, flags(sampled), traceState, false);
  }

  /**
   * A local span context with the whole W3C trace-flags byte ({@link #FLAG_SAMPLED}, {@link
   * #FLAG_RANDOM}, ...), see {@link #create(String, String, boolean, String)}.
   */
  public static SpanContext create(String traceId, String spanId, byte traceFlags, String traceState) {
    return validated(traceId, spanId, traceFlags, traceState, false);
  }

  /** A span context received from another process (see {@link #create}). */
  public static SpanContext createRemote(String traceId, String spanId, boolean sampled, String traceState) {
    return validated(traceId, spanId, flags(sampled), traceState, true);
  }

  /** A span context received from another process, with its whole trace-flags byte. */
  public static SpanContext createRemote(String traceId, String spanId, byte traceFlags, String traceState) {
    return validated(traceId, spanId, traceFlags, traceState, true);
  }

  private static SpanContext validated(String traceId, String spanId, byte traceFlags, String traceState, boolean remote) {
    if (!isValidTraceId(traceId)) {
      throw new IllegalArgumentException("trace id must be 32 lowercase hex digits, not all zero: " + traceId);
    }
    if (!isValidSpanId(spanId)) {
      throw new IllegalArgumentException("span id must be 16 lowercase hex digits, not all zero: " + spanId);
    }
    return new SpanContext(traceId, spanId, traceFlags, traceState == null ? "" : traceState, remote);
  }

  /** Whether {@code id} is a valid W3C trace id. */
  public static boolean isValidTraceId(String id) {
    return isHex(id, 32) && !INVALID_TRACE.equals(id);
  }

  /** Whether {@code id} is a valid W3C span id. */
  public static boolean isValidSpanId(String id) {
    return isHex(id, 16) && !INVALID_SPAN.equals(id);
  }

  private static boolean isHex(String s, int len) {
    if (s == null || s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** 32 lowercase hex digits. */
  public String traceId() {
    return traceId;
  }

  /** 16 lowercase hex digits. */
  public String spanId() {
    return spanId;
  }

  /** The W3C sampled flag. */
  public boolean isSampled() {
    return (traceFlags & FLAG_SAMPLED) != 0;
  }

  /** The W3C Level 2 random flag: the trace id was generated randomly. */
  public boolean isRandom() {
    return (traceFlags & FLAG_RANDOM) != 0;
  }

  /** The whole W3C trace-flags byte, bits this version does not know included. */
  public byte traceFlags() {
    return traceFlags;
  }

  /** The raw W3C {@code tracestate} header value, or empty. */
  public String traceState() {
    return traceState;
  }

  /** Whether this context was extracted from another process. */
  public boolean isRemote() {
    return remote;
  }

  /** Whether both ids are valid (false for {@link #invalid()}). */
  public boolean isValid() {
    // Every other instance has non-zero ids: the factories validate them.
    return this != INVALID;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SpanContext)) {
      return false;
    }
    SpanContext that = (SpanContext) o;
    return traceFlags == that.traceFlags && remote == that.remote && traceId.equals(that.traceId)
        && spanId.equals(that.spanId) && traceState.equals(that.traceState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId, traceFlags, traceState, remote);
  }

  @Override
  public String toString() {
    return "SpanContext{traceId=" + traceId + ", spanId=" + spanId + ", sampled=" + isSampled()
        + (traceFlags == flags(isSampled()) ? "" : ", flags=" + String.format("%02x", traceFlags & 0xff))
        + (remote ? ", remote" : "") + (traceState.isEmpty() ? "" : ", traceState=" + traceState) + '}';
  }
}
