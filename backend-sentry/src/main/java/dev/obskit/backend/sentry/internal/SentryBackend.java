package dev.obskit.backend.sentry.internal;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.ErrorSink;
import dev.obskit.api.spi.EventSink;
import dev.obskit.api.spi.LogSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import dev.obskit.api.spi.SpanSink;
import io.sentry.DefaultSpanFactory;
import io.sentry.IScopes;
import io.sentry.Scope;
import io.sentry.Scopes;
import io.sentry.SentryClient;
import io.sentry.SentryLevel;
import io.sentry.SentryOpenTelemetryMode;
import io.sentry.SentryOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running Sentry backend: a private {@link SentryClient} and {@link Scopes} (the static
 * {@code io.sentry.Sentry} hub is left alone), and the sinks routing asks for.
 */
public final class SentryBackend implements Backend {
  private final BackendContext context;
  private final SentrySettings settings;
  private final SentryOptions options;
  private final IScopes scopes;
  private final SentryErrorSink errorSink;
  private final SentryEventSink eventSink;
  private final SentrySpanSink spanSink;
  private final SentryLogSink logSink;
  private final Delivery delivery;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Kept free at the end of a close deadline (see close). */
  private static final Duration CLOSE_RESERVE = Duration.ofMillis(200);

  private SentryBackend(BackendContext context, SentrySettings settings) {
    this.context = context;
    this.settings = settings;
    SecretScrubbing scrubbing = new SecretScrubbing(context.scrubber(settings.scrubKeys()));
    ScopeDataMapping mapping = new ScopeDataMapping(settings.sendDefaultPii(), settings.maxBreadcrumbs());
    this.delivery = new Delivery(context);
    this.options = options(context, settings, scrubbing, mapping, delivery);
    Scope global = new Scope(options);
    SentryClient client = new SentryClient(options);
    global.bindClient(client);
    this.scopes = new Scopes(new Scope(options), new Scope(options), global, "obskit");
    this.errorSink = new SentryErrorSink(scopes, context, scrubbing, mapping, delivery);
    this.eventSink = new SentryEventSink();
    this.spanSink = context.signals().contains(Signal.TRACES)
        ? new SentrySpanSink(scopes, settings.tracesSampleRate(), context.selfMetrics(), scrubbing, delivery,
            context.isPrimaryTraceBackend() ? 1.0 : settings.mirrorSampleRate())
        : null;
    this.logSink = context.signals().contains(Signal.LOGS) ? new SentryLogSink(client, scopes, options, delivery) : null;
    StaticHubBridge.attach(errorSink);
  }

  /**
   * The backend for {@code settings}: disabled (no-op sinks, one warning) when the DSN is empty or
   * malformed (a malformed DSN has already been reported as a configuration problem).
   */
  public static Backend create(BackendContext context, SentrySettings settings) {
    if (!settings.hasDsn()) {
      context.logger().log(System.Logger.Level.WARNING, "sentry: no DSN (sentry.dsn, env OBS_SENTRY_DSN) is set: "
          + "the sentry backend is disabled and the signals routed to it " + context.signals() + " are dropped");
      return new DisabledBackend("no DSN (sentry.dsn / OBS_SENTRY_DSN)");
    }
    if (!settings.dsnValid()) {
      return new DisabledBackend("malformed DSN");
    }
    return new SentryBackend(context, settings);
  }

  private static SentryOptions options(BackendContext context, SentrySettings s, SecretScrubbing scrubbing,
      ScopeDataMapping mapping, Delivery delivery) {
    SentryOptions o = new SentryOptions();
    o.setDsn(s.dsn());
    o.setEnvironment(blankToNull(s.environment()));
    o.setRelease(blankToNull(s.release()));
    String serverName = s.serverName().isEmpty() ? HostName.resolve() : s.serverName();
    o.setServerName(serverName);
    // Without a name (lookup failed) attach none: Sentry would otherwise try again lazily on a
    // capturing thread (up to 1 s).
    o.setAttachServerName(serverName != null);
    o.setSendDefaultPii(s.sendDefaultPii());
    o.setMaxQueueSize(s.maxQueueSize());
    o.setFlushTimeoutMillis(s.flushTimeout().toMillis());
    o.setShutdownTimeoutMillis(s.shutdownTimeout().toMillis());
    o.setMaxBreadcrumbs(s.maxBreadcrumbs());
    for (String pkg : s.inAppIncludes()) {
      o.addInAppInclude(pkg);
    }
    // Tracing must be "enabled" for transactions to exist; the decisions themselves are explicit.
    o.setTracesSampleRate(context.signals().contains(Signal.TRACES) ? s.tracesSampleRate() : null);
    o.setBeforeSend((event, hint) -> scrubbing.scrubEvent(event));
    o.setBeforeSendTransaction((tx, hint) -> scrubbing.scrubEvent(mapping.movePending(tx)));
    o.setBeforeBreadcrumb((crumb, hint) -> scrubbing.scrubBreadcrumb(crumb));
    o.setOnDiscard(new DropCounter(delivery));
    o.setTransportFactory(AccountedTransport.factory(s.maxQueueSize(), s.tracesQueueSize(), delivery));
    // A library must not install process-wide hooks or read sentry.properties behind our back.
    o.setEnableUncaughtExceptionHandler(false);
    o.setEnableShutdownHook(false);
    o.setEnableExternalConfiguration(false);
    o.setOpenTelemetryMode(SentryOpenTelemetryMode.OFF);
    o.setSpanFactory(new DefaultSpanFactory());
    // Sentry Logs: the client creates its log batch processor only when enabled at construction.
    o.getLogs().setEnabled(context.signals().contains(Signal.LOGS));
    o.setDebug(s.debug());
    if (s.debug()) {
      o.setLogger(new MaskingLogger(context.logger(), s.dsn()));
      o.setDiagnosticLevel(SentryLevel.DEBUG);
    }
    o.activate();
    return o;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public String name() {
    return "sentry";
  }

  /** {@code io.sentry.IScopes}: the scopes this backend captures into (its own client). */
  @Override
  public <T> T unwrap(Class<T> type) {
    return type.isInstance(scopes) ? type.cast(scopes) : null;
  }

  /** Errors and events always; traces and logs when routed here. */
  @Override
  public Sinks sinks() {
    Sinks.Builder sinks = Sinks.builder().errors(errorSink).events(eventSink);
    if (spanSink != null) {
      sinks.traces(spanSink);
    }
    if (logSink != null) {
      sinks.logs(logSink);
    }
    return sinks.build();
  }

  @Override
  public boolean flush(Duration timeout) {
    if (closed.get()) {
      return true;
    }
    long start = System.nanoTime();
    long millis = Math.max(0, timeout.toMillis());
    scopes.flush(millis);
    // Sentry's flush returns early only when its queue is empty.
    return System.nanoTime() - start < Duration.ofMillis(millis).toNanos();
  }

  @Override
  public boolean close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return true;
    }
    StaticHubBridge.detach(errorSink);
    if (spanSink != null) {
      spanSink.clear();
    }
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    // A reserve at the end of the deadline for stopping the senders and counting what they did
    // not send (close_deadline): the core stops waiting at the deadline, and a loss counted after
    // it would be missing from the figures the application reads right after close().
    long reserveMillis = Math.min(CLOSE_RESERVE.toMillis(), Math.max(0, timeout.toMillis()) / 3);
    long flushMillis = Math.min(Math.max(0, timeout.toMillis() - reserveMillis), settings.flushTimeout().toMillis());
    scopes.flush(flushMillis);
    long remainingMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000 - reserveMillis);
    boolean idle = remainingMillis > 0;
    // Scopes.close waits shutdown_timeout for its executors, then the transport waits
    // flush_timeout: cap both by what is left of the caller's deadline.
    options.setShutdownTimeoutMillis(0);
    options.setFlushTimeoutMillis(Math.min(remainingMillis, settings.shutdownTimeout().toMillis()));
    scopes.close();
    return idle && System.nanoTime() <= deadline;
  }

  @Override
  public Map<String, String> describe() {
    Map<String, String> d = settings.describe(spanSink != null, context.isPrimaryTraceBackend());
    if (options.getServerName() != null) {
      d.put("server_name", options.getServerName());
    }
    return d;
  }

  /** The scopes this backend captures with (tests). */
  IScopes scopes() {
    return scopes;
  }

  /** The loss accounting this backend counts into (tests). */
  Delivery delivery() {
    return delivery;
  }

  /** The options this backend runs with (tests). */
  SentryOptions options() {
    return options;
  }

  /** A backend without a usable DSN: every sink drops. */
  private static final class DisabledBackend implements Backend {
    private final String reason;

    DisabledBackend(String reason) {
      this.reason = reason;
    }

    @Override
    public String name() {
      return "sentry";
    }

    @Override
    public Sinks sinks() {
      return Sinks.builder().errors(ErrorSink.noop()).events(EventSink.noop()).traces(SpanSink.noop())
          .logs(LogSink.noop()).build();
    }

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public boolean close(Duration timeout) {
      return true;
    }

    @Override
    public Map<String, String> describe() {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("status", "disabled: " + reason);
      return d;
    }
  }
}
