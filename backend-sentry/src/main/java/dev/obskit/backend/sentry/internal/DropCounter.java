package dev.obskit.backend.sentry.internal;

import dev.obskit.api.SelfMetrics;
import io.sentry.DataCategory;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;

/**
 * Counts what Sentry discards (queue overflow, network and send errors, rate-limit back-off, ...)
 * as {@code sentry.dropped.<reason>} in the SDK's self-metrics. Only errors and transactions are
 * counted: spans, sessions and client reports ride along and would only inflate the figures.
 */
final class DropCounter implements SentryOptions.OnDiscardCallback {
  static final String PREFIX = "sentry.dropped.";

  private final SelfMetrics selfMetrics;

  DropCounter(SelfMetrics selfMetrics) {
    this.selfMetrics = selfMetrics;
  }

  @Override
  public void execute(DiscardReason reason, DataCategory category, Long number) {
    if (category == DataCategory.Error || category == DataCategory.Transaction || category == DataCategory.Default) {
      selfMetrics.add(PREFIX + reason.getReason(), number == null ? 1 : number);
    }
  }
}
