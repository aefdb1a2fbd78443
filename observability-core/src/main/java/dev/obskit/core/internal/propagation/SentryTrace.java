package dev.obskit.core.internal.propagation;

import dev.obskit.api.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sentry's trace propagation, as its SDKs write and read it (sentry-java's {@code
 * SentryTraceHeader}, {@code Baggage}, {@code PropagationContext}): the {@code sentry-trace}
 * header {@code <trace id>-<span id>[-<1|0>]} and the {@code sentry-} entries of the W3C {@code
 * baggage} header (the "dynamic sampling context": {@code sentry-trace_id}, {@code
 * sentry-sampled}, {@code sentry-sample_rate}, {@code sentry-public_key}, {@code
 * sentry-environment}, {@code sentry-release}, ...). Services instrumented with Sentry send
 * {@code traceparent} only when opted in; this is what lets their traces continue here.
 */
public final class SentryTrace {
  public static final String HEADER = "sentry-trace";
  /** The prefix of Sentry's entries in the {@code baggage} header. */
  public static final String BAGGAGE_PREFIX = "sentry-";

  private SentryTrace() {}

  /** The {@code sentry-trace} value for {@code context}: the sampling decision is always written. */
  public static String header(SpanContext context) {
    return context.traceId() + "-" + context.spanId() + (context.isSampled() ? "-1" : "-0");
  }

  /**
   * The remote context of a {@code sentry-trace} header, or null when it is malformed; {@link
   * SpanContext#invalid()} for an absent header. A header without a decision (Sentry's
   * "deferred") takes {@code sentry-sampled} from the baggage when present, else counts as
   * sampled: the receiver's parent-based sampling would otherwise drop every such trace.
   */
  public static SpanContext parse(String header, Map<String, String> sentryBaggage) {
    if (header == null) {
      return SpanContext.invalid();
    }
    String h = header.trim();
    String[] parts = h.split("-", -1);
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    String traceId = parts[0];
    String spanId = parts[1];
    if (!SpanContext.isValidTraceId(traceId) || !SpanContext.isValidSpanId(spanId)) {
      return null;
    }
    boolean sampled;
    if (parts.length == 3) {
      if (parts[2].equals("1")) {
        sampled = true;
      } else if (parts[2].equals("0")) {
        sampled = false;
      } else {
        return null;
      }
    } else {
      sampled = !"false".equals(sentryBaggage.get("sentry-sampled"));
    }
    return SpanContext.createRemote(traceId, spanId, sampled, "");
  }

  /** The {@code sentry-} entries of {@code baggage}, in order. */
  public static Map<String, String> sentryEntries(Map<String, String> baggage) {
    Map<String, String> out = new LinkedHashMap<>();
    baggage.forEach((key, value) -> {
      if (key.startsWith(BAGGAGE_PREFIX)) {
        out.put(key, value);
      }
    });
    return out;
  }

  /**
   * The dynamic sampling context of a trace that starts here: what Sentry's SDK writes as head of
   * a trace, from what the core knows (no public key: the DSN is the sentry backend's). A
   * downstream Sentry SDK keeps these entries frozen for the rest of the trace.
   */
  public static Map<String, String> headEntries(SpanContext context, String environment, String release) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("sentry-trace_id", context.traceId());
    out.put("sentry-sampled", String.valueOf(context.isSampled()));
    if (!environment.isEmpty()) {
      out.put("sentry-environment", environment);
    }
    if (!release.isEmpty()) {
      out.put("sentry-release", release);
    }
    return out;
  }
}
