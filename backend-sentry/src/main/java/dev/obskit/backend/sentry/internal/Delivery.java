package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.spi.BackendContext;
import io.sentry.DataCategory;
import io.sentry.clientreport.DiscardReason;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Sentry backend's loss accounting, per kind (errors, transactions, log records): what it was handed
 * ({@code sentry.<kind>.attempted}), what the server accepted ({@code .delivered}) and what was
 * lost, by reason ({@code .dropped.<reason>}). Once {@code close} has returned, attempted =
 * delivered + the sum of the drops, whatever the endpoint did.
 *
 * <p>Most reasons are Sentry's own {@link DiscardReason}s, reported through its client-report
 * recorder ({@link DropCounter}); the ones Sentry does not record are counted here: an envelope
 * answered 429 ({@value #RATE_LIMITED}; Sentry leaves that to the server's own accounting), an
 * unsuccessful answer that is not an error status, and envelopes still queued or in flight when
 * the close deadline ends ({@value #CLOSE_DEADLINE}; Sentry discards them silently).
 *
 * <p>Every drop reason is warned about once per {@code limits.warning_interval}, naming the
 * setting that would have prevented it.
 */
final class Delivery {
  static final String ERRORS = "errors";
  static final String TRANSACTIONS = "transactions";
  /** Log records, counted one by one although Sentry sends them in batches. */
  static final String LOGS = "logs";
  /** Answered 429 (not recorded by Sentry, which counts rate-limited envelopes on the server). */
  static final String RATE_LIMITED = "rate_limited";
  /** Queued or in flight when the close deadline ended. */
  static final String CLOSE_DEADLINE = "close_deadline";
  /** An unsuccessful answer that is not an error status (a redirect, ...). */
  static final String SEND_ERROR = "send_error";

  private final SelfMetrics metrics;
  private final BackendContext context;
  /** The keys of each kind, built once: every capture and every queue overflow counts into them. */
  private final Map<String, Keys> keys = Map.of(ERRORS, new Keys(ERRORS), TRANSACTIONS, new Keys(TRANSACTIONS),
      LOGS, new Keys(LOGS));
  /** Reason -> {@code sentry.dropped.<reason>}, the total over the kinds. */
  private final ConcurrentHashMap<String, String> totalKeys = new ConcurrentHashMap<>();

  Delivery(BackendContext context) {
    this.context = context;
    this.metrics = context.selfMetrics();
  }

  /**
   * One kind's self-metric keys. Built per call they cost a third of the overhead of a capture
   * on a full queue (a new string, hashed again by every self-metric look-up); Sentry's reasons
   * are a dozen constants, so the per-reason keys stay few.
   */
  private static final class Keys {
    final String attempted;
    final String delivered;
    final String kind;
    /** Reason -> {@code sentry.<kind>.dropped.<reason>}. */
    final ConcurrentHashMap<String, String> dropped = new ConcurrentHashMap<>();

    Keys(String kind) {
      this.kind = kind;
      this.attempted = "sentry." + kind + ".attempted";
      this.delivered = "sentry." + kind + ".delivered";
    }

    String dropped(String reason) {
      String key = dropped.get(reason);
      return key != null ? key : dropped.computeIfAbsent(reason, r -> "sentry." + kind + ".dropped." + r);
    }
  }

  private String totalKey(String reason) {
    String key = totalKeys.get(reason);
    return key != null ? key : totalKeys.computeIfAbsent(reason, r -> DropCounter.PREFIX + r);
  }

  /** The kind a Sentry data category is accounted under, or null for categories not accounted. */
  static String kind(DataCategory category) {
    if (category == DataCategory.Error || category == DataCategory.Default) {
      return ERRORS;
    }
    if (category == DataCategory.Transaction) {
      return TRANSACTIONS;
    }
    if (category == DataCategory.LogItem) {
      return LOGS;
    }
    return null;
  }

  void attempted(String kind) {
    metrics.increment(keys.get(kind).attempted);
  }

  void delivered(String kind, long count) {
    metrics.add(keys.get(kind).delivered, count);
  }

  /** Counts {@code count} items of {@code kind} lost for {@code reason} and warns (rate-limited). */
  void dropped(String kind, String reason, long count) {
    String key = keys.get(kind).dropped(reason);
    metrics.add(key, count);
    // The total per reason over the kinds, as before the split.
    metrics.add(totalKey(reason), count);
    context.warnRateLimited(key, () -> "sentry: " + count + " " + kind + " dropped (" + reason + "): "
        + advice(kind, reason) + "; counts in selfMetrics() under " + key);
  }

  /** What happened and which setting would have prevented it. */
  static String advice(String kind, String reason) {
    boolean errors = ERRORS.equals(kind);
    switch (reason.toLowerCase(Locale.ROOT)) {
      case "queue_overflow":
        if (LOGS.equals(kind)) {
          return "a queue on the way to Sentry was full (Sentry's log batch queue, or the queue log batches share"
              + " with transactions); raise sentry.traces_queue_size, lower sentry.mirror_sample_rate /"
              + " sentry.traces_sample_rate, or raise logs.level";
        }
        return errors ? "the error queue was full (Sentry slow or unreachable); raise sentry.max_queue_size"
            : "the transaction queue was full; raise sentry.traces_queue_size or lower sentry.mirror_sample_rate"
                + " (traces: both) / sentry.traces_sample_rate (traces: sentry)";
      case "network_error":
        return "Sentry could not be reached; check the host of sentry.dsn and the network";
      case "send_error":
        return "Sentry refused the envelope with an error status; check sentry.dsn (key and project id)";
      case RATE_LIMITED:
      case "ratelimit_backoff":
        return "Sentry's rate limit or quota (429): " + (errors ? "raise the project's quota"
            : LOGS.equals(kind) ? "raise the project's quota or logs.level"
            : "lower sentry.mirror_sample_rate or sentry.traces_sample_rate");
      case CLOSE_DEADLINE:
        return "still queued or in flight when the close deadline ended; give close(Duration) (or"
            + " shutdown_timeout) more time, or raise sentry.flush_timeout";
      case "sample_rate":
        return "sampled out by sentry.traces_sample_rate";
      case "backpressure":
        return "Sentry's backpressure (an unhealthy transport); see sentry.max_queue_size / sentry.traces_queue_size";
      case "before_send":
      case "event_processor":
        return "a before-send callback or event processor of the application's sentry.* setup dropped it";
      default:
        return "see sentry.debug: true for Sentry's reason";
    }
  }
}
