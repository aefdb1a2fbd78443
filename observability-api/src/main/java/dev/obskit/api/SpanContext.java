package dev.obskit.api;

import java.util.Objects;

/**
 * The W3C identity of a span: trace id (32 lowercase hex), span id (16 lowercase hex), the
 * sampled flag, the raw {@code tracestate} and whether it came from another process. Immutable.
 */
public final class SpanContext {
  private static final String INVALID_TRACE = "00000000000000000000000000000000";
  private static final String INVALID_SPAN = "0000000000000000";
  private static final SpanContext INVALID =
      new SpanContext(INVALID_TRACE, INVALID_SPAN, false, "", false);

  private final String traceId;
  private final String spanId;
  private final boolean sampled;
  private final String traceState;
  private final boolean remote;

  private SpanContext(String traceId, String spanId, boolean sampled, String traceState, boolean remote) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.sampled = sampled;
    this.traceState = traceState;
    this.remote = remote;
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
    return validated(traceId, spanId, sampled, traceState, false);
  }

  /** A span context received from another process (see {@link #create}). */
  public static SpanContext createRemote(String traceId, String spanId, boolean sampled, String traceState) {
    return validated(traceId, spanId, sampled, traceState, true);
  }

  /**
   * A span context from ids that are already known to be valid W3C ids (32 and 16 lowercase hex
   * digits, not all zero), without checking them again. <b>For backends only</b>, converting the
   * identity of a span their SDK created and validated, on the path of every span; anything else
   * (headers, user input) must use {@link #create} or {@link #createRemote}. Passing invalid ids
   * here yields a context that reports itself valid.
   *
   * @param traceState the raw W3C {@code tracestate}, null for none
   */
  public static SpanContext createTrusted(String traceId, String spanId, boolean sampled, String traceState,
      boolean remote) {
    return new SpanContext(traceId, spanId, sampled, traceState == null ? "" : traceState, remote);
  }

  private static SpanContext validated(String traceId, String spanId, boolean sampled, String traceState, boolean remote) {
    if (!isValidTraceId(traceId)) {
      throw new IllegalArgumentException("trace id must be 32 lowercase hex digits, not all zero: " + traceId);
    }
    if (!isValidSpanId(spanId)) {
      throw new IllegalArgumentException("span id must be 16 lowercase hex digits, not all zero: " + spanId);
    }
    return new SpanContext(traceId, spanId, sampled, traceState == null ? "" : traceState, remote);
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
    return sampled;
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
    // Every other instance has non-zero ids: the public factories validate them, createTrusted
    // requires them.
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
    return sampled == that.sampled && remote == that.remote && traceId.equals(that.traceId)
        && spanId.equals(that.spanId) && traceState.equals(that.traceState);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId, sampled, traceState, remote);
  }

  @Override
  public String toString() {
    return "SpanContext{traceId=" + traceId + ", spanId=" + spanId + ", sampled=" + sampled
        + (remote ? ", remote" : "") + (traceState.isEmpty() ? "" : ", traceState=" + traceState) + '}';
  }
}
