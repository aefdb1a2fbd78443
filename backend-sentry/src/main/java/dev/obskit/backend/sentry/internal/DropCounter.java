package dev.obskit.backend.sentry.internal;

import io.sentry.DataCategory;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;

/**
 * Counts what Sentry discards (queue overflow, network and send errors, rate-limit back-off, ...),
 * as its client-report recorder reports it, into {@link Delivery}. Only errors, transactions and
 * log records are accounted: spans, sessions, log bytes and client reports ride along and would
 * only inflate the figures.
 */
final class DropCounter implements SentryOptions.OnDiscardCallback {
  static final String PREFIX = "sentry.dropped.";

  private final Delivery delivery;

  DropCounter(Delivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void execute(DiscardReason reason, DataCategory category, Long number) {
    String kind = Delivery.kind(category);
    if (kind != null && AccountedTransport.recordedBySentry()) {
      delivery.dropped(kind, reason.getReason(), number == null ? 1 : number);
    }
  }
}
