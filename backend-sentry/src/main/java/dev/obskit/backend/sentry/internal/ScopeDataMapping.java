package dev.obskit.backend.sentry.internal;

import dev.obskit.api.spi.ScopeData;
import io.sentry.Breadcrumb;
import io.sentry.SentryBaseEvent;
import io.sentry.protocol.SentryTransaction;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Puts a facade scope (user, tags, contexts, breadcrumbs) on the one Sentry event or transaction
 * it belongs to. The backend's own Sentry scopes hold no per-request data at all: a request's
 * data must never ride along with another request's event.
 *
 * <p>A transaction is built by Sentry when it finishes, from the tracer; the scope's data is left
 * on the tracer under {@value #PENDING_KEY} and moved onto that transaction by {@link #movePending}
 * in before-send-transaction, before the transaction is scrubbed.
 */
final class ScopeDataMapping {
  /** The tracer context that carries a transaction's scope data until the processor takes it. */
  static final String PENDING_KEY = "obskit.scope";

  private final boolean sendDefaultPii;
  private final int maxBreadcrumbs;

  ScopeDataMapping(boolean sendDefaultPii, int maxBreadcrumbs) {
    this.sendDefaultPii = sendDefaultPii;
    this.maxBreadcrumbs = maxBreadcrumbs;
  }

  /** What a tracer carries until its transaction is built: never serialised (taken first). */
  static final class Pending {
    final ScopeData data;

    Pending(ScopeData data) {
      this.data = data;
    }

    @Override
    public String toString() {
      return "pending scope data";
    }
  }

  /**
   * Moves a transaction's pending scope data onto it. Called from before-send-transaction ahead
   * of scrubbing rather than as an event processor: a processor runs on every error too.
   */
  SentryTransaction movePending(SentryTransaction transaction) {
    Object pending = transaction.getContexts().remove(PENDING_KEY);
    if (pending instanceof Pending) {
      apply(transaction, ((Pending) pending).data);
    }
    return transaction;
  }

  /** Sets the scope's user, tags, contexts and breadcrumbs on {@code event}; its own values win. */
  void apply(SentryBaseEvent event, ScopeData data) {
    User existing = event.getUser();
    // Sentry's own processors may already have put an empty user (for the IP address) there.
    if (data.user() != null && (existing == null || existing.getId() == null)) {
      User u = user(data.user());
      if (existing != null && u.getIpAddress() == null) {
        u.setIpAddress(existing.getIpAddress());
      }
      event.setUser(u);
    }
    data.tags().forEach((k, v) -> {
      if (event.getTag(k) == null) {
        event.setTag(k, v);
      }
    });
    data.contexts().forEach((name, values) -> {
      if (!event.getContexts().containsKey(name)) {
        event.getContexts().put(name, values);
      }
    });
    setBreadcrumbs(event, data.breadcrumbs());
  }

  /** Sets {@code crumbs} (the latest {@code max_breadcrumbs} of them) as the event's breadcrumbs. */
  void setBreadcrumbs(SentryBaseEvent event, List<dev.obskit.api.Breadcrumb> crumbs) {
    if (crumbs.isEmpty()) {
      return;
    }
    int from = Math.max(0, crumbs.size() - maxBreadcrumbs);
    List<Breadcrumb> out = new ArrayList<>(crumbs.size() - from);
    for (int i = from; i < crumbs.size(); i++) {
      out.add(breadcrumb(crumbs.get(i)));
    }
    event.setBreadcrumbs(out);
  }

  static Breadcrumb breadcrumb(dev.obskit.api.Breadcrumb b) {
    Breadcrumb crumb = b.timestampMillis() > 0 ? new Breadcrumb(new Date(b.timestampMillis())) : new Breadcrumb();
    crumb.setType("default");
    crumb.setCategory(b.category());
    crumb.setMessage(b.message());
    crumb.setLevel(SentryErrorSink.level(b.level()));
    b.data().forEach(crumb::setData);
    if (b.spanContext().isValid()) {
      crumb.setData("trace_id", b.spanContext().traceId());
      crumb.setData("span_id", b.spanContext().spanId());
    }
    return crumb;
  }

  /** The facade user as a Sentry user: the id only unless {@code send_default_pii}. */
  User user(dev.obskit.api.User u) {
    User s = new User();
    s.setId(u.id());
    if (sendDefaultPii) {
      s.setUsername(u.username());
      s.setEmail(u.email());
      s.setIpAddress(u.ipAddress());
      if (!u.data().isEmpty()) {
        s.setData(new LinkedHashMap<>(u.data()));
      }
    }
    return s;
  }
}
