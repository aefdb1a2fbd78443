package dev.obskit.backend.sentry;

import dev.obskit.testkit.sentry.ReceivedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers to read what the test server received. */
final class SentryWire {
  private SentryWire() {}

  /** The {@code spans} of a received transaction. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> spans(ReceivedItem transaction) {
    Object spans = transaction.get("spans");
    return spans == null ? List.of() : new ArrayList<>((List<Map<String, Object>>) spans);
  }

  /** The breadcrumbs of a received event. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> breadcrumbs(ReceivedItem event) {
    Object crumbs = event.get("breadcrumbs.values");
    if (crumbs == null) {
      crumbs = event.get("breadcrumbs");
    }
    return crumbs instanceof List ? (List<Map<String, Object>>) crumbs : List.of();
  }
}
