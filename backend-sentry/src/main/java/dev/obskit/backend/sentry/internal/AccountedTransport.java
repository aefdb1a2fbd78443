package dev.obskit.backend.sentry.internal;

import io.sentry.DataCategory;
import io.sentry.Hint;
import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import io.sentry.hints.DiskFlushNotification;
import io.sentry.hints.Enqueable;
import io.sentry.hints.SubmissionResult;
import io.sentry.transport.AsyncHttpTransport;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import io.sentry.protocol.SentryId;
import io.sentry.util.HintUtils;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sentry's own HTTP transport, twice: one queue for errors (and Sentry's small bookkeeping
 * envelopes) and one for transactions and log batches, so that the transactions {@code traces: both} mirrors
 * can never crowd errors out of a shared queue ({@code sentry.max_queue_size} and {@code
 * sentry.traces_queue_size}). Both share one rate limiter, as one Sentry client does.
 *
 * <p>It also follows every error, transaction and log envelope to its outcome, through the hint
 * interfaces Sentry's transport reports to ({@link Enqueable} when queued, {@link
 * SubmissionResult} when sent or rejected), to count what Sentry does not record as lost (see
 * {@link Delivery}).
 */
final class AccountedTransport implements ITransport {
  /** Sentry's sender threads are named so ({@code AsyncHttpTransport}'s thread factory). */
  private static final String SENDER_THREAD_PREFIX = "SentryAsyncConnection-";

  private final ITransport errors;
  private final ITransport transactions;
  private final RateLimiter rateLimiter;
  private final Delivery delivery;
  /** Envelopes queued and not yet sent or counted; what is left at close was abandoned. */
  private final Set<Tracked> outstanding = ConcurrentHashMap.newKeySet();
  /** The envelope a sender thread is sending now (set when Sentry starts it, see {@link Tracked#isFlushable}). */
  private static final ThreadLocal<Tracked> SENDING = new ThreadLocal<>();

  private AccountedTransport(ITransport errors, ITransport transactions, RateLimiter rateLimiter, Delivery delivery) {
    this.errors = errors;
    this.transactions = transactions;
    this.rateLimiter = rateLimiter;
    this.delivery = delivery;
  }

  /** The factory to give {@link SentryOptions#setTransportFactory}. */
  static ITransportFactory factory(int errorQueueSize, int transactionQueueSize, Delivery delivery) {
    return (options, requestDetails) -> create(options, requestDetails, errorQueueSize, transactionQueueSize,
        delivery);
  }

  private static ITransport create(SentryOptions options, RequestDetails details, int errorQueueSize,
      int transactionQueueSize, Delivery delivery) {
    RateLimiter limiter = new RateLimiter(options);
    // AsyncHttpTransport sizes its queue from the options when it is built: build each with its own.
    int configured = options.getMaxQueueSize();
    try {
      options.setMaxQueueSize(transactionQueueSize);
      ITransport transactions = new AsyncHttpTransport(options, limiter, options.getTransportGate(), details);
      options.setMaxQueueSize(errorQueueSize);
      ITransport errors = new AsyncHttpTransport(options, limiter, options.getTransportGate(), details);
      return new AccountedTransport(errors, transactions, limiter, delivery);
    } finally {
      options.setMaxQueueSize(configured);
    }
  }

  static boolean isSenderThread() {
    return Thread.currentThread().getName().startsWith(SENDER_THREAD_PREFIX);
  }

  /**
   * Called by {@link DropCounter} when Sentry records a loss: false when the loss is already
   * counted (the envelope this sender is sending was abandoned at close, and the sender only
   * now gave up on it), so each envelope is counted once. Marks the envelope as recorded.
   */
  static boolean recordedBySentry() {
    if (!isSenderThread()) {
      return true;
    }
    Tracked t = SENDING.get();
    if (t == null) {
      return true;
    }
    if (t.state.get() == Tracked.DONE) {
      return false;
    }
    t.recorded = true;
    return true;
  }

  @Override
  public void send(SentryEnvelope envelope, Hint hint) throws IOException {
    String kind = kind(envelope);
    if (kind != null && HintUtils.getSentrySdkHint(hint) == null) {
      HintUtils.setTypeCheckHint(hint, new Tracked(kind, Delivery.LOGS.equals(kind) ? logRecords(envelope) : 1));
    }
    // Only errors (and Sentry's small bookkeeping envelopes) use the first queue.
    (kind == null || Delivery.ERRORS.equals(kind) ? errors : transactions).send(envelope, hint);
  }

  /**
   * The kind an envelope is accounted under, by its items: {@link Delivery#TRANSACTIONS}, {@link
   * Delivery#ERRORS}, {@link Delivery#LOGS} (a batch of log records); null for others.
   */
  private static String kind(SentryEnvelope envelope) {
    String kind = null;
    for (SentryEnvelopeItem item : envelope.getItems()) {
      SentryItemType type = item.getHeader().getType();
      if (type == SentryItemType.Transaction) {
        return Delivery.TRANSACTIONS;
      }
      if (type == SentryItemType.Event) {
        kind = Delivery.ERRORS;
      } else if (type == SentryItemType.Log && kind == null) {
        kind = Delivery.LOGS;
      }
    }
    return kind;
  }

  /** The number of log records in the envelope's log items. */
  private static long logRecords(SentryEnvelope envelope) {
    long records = 0;
    for (SentryEnvelopeItem item : envelope.getItems()) {
      if (item.getHeader().getType() == SentryItemType.Log) {
        Integer count = item.getHeader().getItemCount();
        records += count == null ? 1 : count;
      }
    }
    return records;
  }

  @Override
  public boolean isHealthy() {
    return errors.isHealthy() && transactions.isHealthy();
  }

  @Override
  public void flush(long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    errors.flush(timeoutMillis);
    transactions.flush(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
  }

  @Override
  public RateLimiter getRateLimiter() {
    return rateLimiter;
  }

  /**
   * Closes both queues at once (each waits up to the flush timeout the backend set from the
   * close deadline), then counts what neither sent as {@value Delivery#CLOSE_DEADLINE}.
   */
  @Override
  public void close(boolean isRestarting) throws IOException {
    Thread other = new Thread(() -> {
      try {
        transactions.close(isRestarting);
      } catch (IOException | RuntimeException e) {
        // Closing is best effort; what it leaves unsent is counted below.
      }
    }, "obskit-sentry-close");
    other.setDaemon(true);
    other.start();
    try {
      errors.close(isRestarting);
    } finally {
      try {
        other.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!isRestarting) {
        for (Tracked t : outstanding) {
          t.abandon();
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    close(false);
  }

  /** Envelopes queued and not yet settled (tests). */
  int outstanding() {
    return outstanding.size();
  }

  /**
   * One error, transaction or log envelope on its way: NEW until Sentry queues it, QUEUED until its
   * sender reports the result (or close abandons it), then DONE; counted exactly once.
   */
  private final class Tracked implements Enqueable, SubmissionResult, DiskFlushNotification {
    private static final int NEW = 0;
    private static final int QUEUED = 1;
    private static final int DONE = 2;
    private final String kind;
    /** How many items of the kind it carries: 1, or the records of a log batch. */
    private final long count;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile boolean success;
    /** Sentry recorded this envelope's loss itself (network error, error status). */
    private volatile boolean recorded;

    Tracked(String kind, long count) {
      this.kind = kind;
      this.count = count;
    }

    @Override
    public void markEnqueued() {
      // Added before the state changes, removed again if the sender was faster: never left behind.
      outstanding.add(this);
      if (!state.compareAndSet(NEW, QUEUED)) {
        outstanding.remove(this);
      }
    }

    @Override
    public void setResult(boolean success) {
      this.success = success;
      if (!isSenderThread()) {
        // Off the sender: either rejected before it was queued (queue full, rate-limit back-off;
        // Sentry recorded it), or a sender being stopped at close, whose envelope may or may not
        // have gone out: that one stays outstanding and is settled as abandoned after the close.
        state.compareAndSet(NEW, DONE);
        return;
      }
      // On the sender (which may even finish before markEnqueued ran on the capturing thread).
      int s = state.get();
      if (s == DONE || !state.compareAndSet(s, DONE)) {
        return;
      }
      outstanding.remove(this);
      if (SENDING.get() == this) {
        SENDING.remove();
      }
      if (success) {
        delivery.delivered(kind, count);
      } else if (!recorded) {
        // Sentry records network errors and error statuses, not 429 (nor other non-200 answers).
        delivery.dropped(kind, rateLimiter.isActiveForCategory(category()) ? Delivery.RATE_LIMITED
            : Delivery.SEND_ERROR, count);
      }
    }

    void abandon() {
      if (state.compareAndSet(QUEUED, DONE)) {
        outstanding.remove(this);
        delivery.dropped(kind, Delivery.CLOSE_DEADLINE, count);
      }
    }

    /** Sentry's rate-limit category for this kind. */
    private DataCategory category() {
      if (Delivery.TRANSACTIONS.equals(kind)) {
        return DataCategory.Transaction;
      }
      return Delivery.LOGS.equals(kind) ? DataCategory.LogItem : DataCategory.Error;
    }

    @Override
    public boolean isSuccess() {
      return success;
    }

    /** Sentry's sender calls this as it starts sending the envelope, on the sending thread. */
    @Override
    public boolean isFlushable(SentryId eventId) {
      if (isSenderThread()) {
        SENDING.set(this);
      }
      return false;
    }

    @Override
    public void markFlushed() {
      // Not a disk-flush wait: nothing waits on this hint.
    }

    @Override
    public void setFlushable(SentryId eventId) {
      // See markFlushed.
    }
  }
}
