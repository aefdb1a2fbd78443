package dev.obskit.spring.boot.observation;

import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns Micrometer Observations (Spring MVC and WebFlux requests, RestClient/WebClient calls,
 * {@code @Observed} methods, scheduled tasks) into obskit spans, routed like every facade span.
 *
 * <ul>
 *   <li>A server (receiver) observation continues the caller's trace: its span's parent is the
 *       W3C {@code traceparent} read from the request through the observation's own getter
 *       ({@link Observability#extract}).
 *   <li>A client (sender) observation's span is written into the outgoing request through the
 *       observation's setter ({@link Observability#inject}), so the next service continues it.
 *   <li>Other observations are children of their parent observation, or of the current span.
 *   <li>While an observation's scope is open its span is current: spans the application starts
 *       and errors it captures inside a request belong to that request's trace.
 *   <li>Each server request runs in its own request scope ({@link Observability#isolate()}): the
 *       user, tags and breadcrumbs the application sets while handling it go with that request's
 *       errors and transactions only. For a servlet request the scope stays open until the
 *       observation stops (on the request's thread), so an error captured then still carries
 *       them; an asynchronous request's scope closes with the observation's scope.
 *   <li>An observation's error is recorded on its span. It is captured as an error (Sentry) once,
 *       by the outermost observation that sees it: a server request that ends with a 5xx (an
 *       exception that escaped, or one an {@code @ExceptionHandler} mapped to a 5xx), or a root
 *       observation (a scheduled task). A 4xx is the client's fault and is not captured.
 * </ul>
 */
public class ObskitObservationHandler implements ObservationHandler<Observation.Context> {
  private final Observability observability;
  /** Errors captured already, by identity; weak so that a kept reference never holds a request. */
  private final Map<Throwable, Boolean> captured = Collections.synchronizedMap(new WeakHashMap<>());

  private final boolean servlet;

  /** Records observations through {@code observability}. */
  public ObskitObservationHandler(Observability observability) {
    this.observability = observability;
    this.servlet = org.springframework.util.ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
        ObskitObservationHandler.class.getClassLoader());
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context != null;
  }

  @Override
  public void onStart(Observation.Context context) {
    SpanKind kind = kindOf(context);
    SpanBuilder builder = observability.spanBuilder(nameOf(context)).kind(kind);
    SpanContext parent = parentOf(context);
    if (parent != null) {
      builder.parent(parent);
    }
    Span span = builder.startDetached();
    context.put(SpanState.class, new SpanState(span, kind));
    if (context instanceof SenderContext<?> sender && sender.getCarrier() != null) {
      inject(span, sender);
    }
  }

  @Override
  public void onScopeOpened(Observation.Context context) {
    SpanState state = context.get(SpanState.class);
    if (state == null || state.stopped) {
      return; // a servlet error dispatch re-opens a request whose observation already stopped
    }
    boolean request = state.kind == SpanKind.SERVER || state.kind == SpanKind.CONSUMER;
    state.open(request ? observability : null);
  }

  @Override
  public void onScopeClosed(Observation.Context context) {
    SpanState state = context.get(SpanState.class);
    if (state == null) {
      return;
    }
    boolean lastOnThisThread = state.close();
    if (lastOnThisThread && !keepsRequestScopeUntilStop(context)) {
      state.closeRequestScopeOnThisThread();
    }
  }

  /** Micrometer clears what this thread has current (a context snapshot restored onto it). */
  @Override
  public void onScopeReset(Observation.Context context) {
    SpanState state = context.get(SpanState.class);
    if (state != null) {
      state.reset();
    }
  }

  /**
   * A synchronous servlet request stops on the thread that handled it, right after its scope
   * closes; its request scope can wait for the stop, where an error is captured. Anything else
   * (an async request, WebFlux, messaging) may stop elsewhere, and a scope must close on its own
   * thread.
   */
  private boolean keepsRequestScopeUntilStop(Observation.Context context) {
    return servlet && context instanceof ReceiverContext<?> receiver
        && ServletRequests.isSynchronous(receiver.getCarrier());
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    SpanState state = context.get(SpanState.class);
    if (state != null) {
      String name = event.getContextualName() != null ? event.getContextualName() : event.getName();
      state.span.addEvent(name);
    }
  }

  @Override
  public void onStop(Observation.Context context) {
    SpanState state = context.get(SpanState.class);
    if (state == null || state.stopped) {
      return;
    }
    state.stopped = true;
    Span span = state.span;
    span.updateName(nameOf(context));
    for (KeyValue kv : context.getLowCardinalityKeyValues()) {
      span.setAttribute(kv.getKey(), kv.getValue());
    }
    for (KeyValue kv : context.getHighCardinalityKeyValues()) {
      span.setAttribute(kv.getKey(), kv.getValue());
    }
    int status = httpStatus(context);
    Throwable error = context.getError();
    boolean clientsFault = state.kind == SpanKind.SERVER && status >= 400 && status < 500;
    if (error != null) {
      span.recordException(error);
      if (!clientsFault) {
        span.setStatus(SpanStatus.ERROR, error.getClass().getName());
      }
    } else if (status >= 500 || (state.kind == SpanKind.CLIENT && status >= 400)) {
      span.setStatus(SpanStatus.ERROR, "HTTP " + status);
    }
    if (error != null && capturesErrors(context, state.kind, status) && firstCapture(error)) {
      // Captured with this span current, so the error carries its trace and span ids.
      try (Scope ignored = span.makeCurrent()) {
        observability.captureError(error, Map.of("observation", context.getName()));
      }
    }
    span.end();
    state.closeRequestScopeOnThisThread();
  }

  /** Whether an error of this observation is captured here rather than by an enclosing one. */
  private static boolean capturesErrors(Observation.Context context, SpanKind kind, int status) {
    if (kind == SpanKind.SERVER || kind == SpanKind.CONSUMER) {
      return status < 0 || status >= 500;
    }
    return context.getParentObservation() == null && kind == SpanKind.INTERNAL;
  }

  private boolean firstCapture(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (captured.containsKey(t)) {
        return false;
      }
    }
    captured.put(error, Boolean.TRUE);
    return true;
  }

  // --- helpers --------------------------------------------------------------------------------

  private SpanContext parentOf(Observation.Context context) {
    if (context instanceof ReceiverContext<?> receiver && receiver.getCarrier() != null) {
      SpanContext remote = extract(receiver);
      if (remote.isValid()) {
        return remote;
      }
    }
    ObservationView parent = context.getParentObservation();
    if (parent != null) {
      SpanState state = parent.getContextView().get(SpanState.class);
      if (state != null) {
        return state.span.context();
      }
    }
    return null; // the current span, if any
  }

  @SuppressWarnings("unchecked")
  private <C> SpanContext extract(ReceiverContext<C> receiver) {
    return observability.extract(receiver.getCarrier(), (carrier, key) -> receiver.getGetter().get(carrier, key));
  }

  @SuppressWarnings("unchecked")
  private <C> void inject(Span span, SenderContext<C> sender) {
    try (Scope ignored = span.makeCurrent()) {
      observability.inject(sender.getCarrier(), (carrier, key, value) -> sender.getSetter().set(carrier, key, value));
    }
  }

  private static SpanKind kindOf(Observation.Context context) {
    if (context instanceof ReceiverContext<?> receiver) {
      return receiver.getKind() == Kind.CONSUMER ? SpanKind.CONSUMER : SpanKind.SERVER;
    }
    if (context instanceof SenderContext<?> sender) {
      return sender.getKind() == Kind.PRODUCER ? SpanKind.PRODUCER : SpanKind.CLIENT;
    }
    return SpanKind.INTERNAL;
  }

  private static String nameOf(Observation.Context context) {
    String contextual = context.getContextualName();
    if (contextual != null && !contextual.isBlank()) {
      return contextual;
    }
    return context.getName() == null ? "observation" : context.getName();
  }

  /** The HTTP status from Spring's {@code status} key value, or -1 when there is none. */
  private static int httpStatus(Observation.Context context) {
    KeyValue status = context.getLowCardinalityKeyValue("status");
    if (status == null) {
      status = context.getLowCardinalityKeyValue("http.response.status_code");
    }
    if (status == null) {
      return -1;
    }
    try {
      return Integer.parseInt(status.getValue());
    } catch (NumberFormatException e) {
      return -1; // CLIENT_ERROR, UNKNOWN: no response
    }
  }

  /**
   * The span of one observation and the scopes open on it, per thread: Micrometer's context
   * propagation opens one observation's scope on several threads at once, and each thread's
   * close must end the scope that thread opened (as micrometer-tracing keeps its scopes), else a
   * pool thread keeps a finished request's span current and later work joins that trace.
   */
  static final class SpanState {
    final Span span;
    final SpanKind kind;
    /** The scopes each thread has open on this span, innermost first; a thread leaves when it has none. */
    private final Map<Thread, Deque<Scope>> scopes = new ConcurrentHashMap<>(4);
    volatile boolean stopped;
    /** The request scope of a server observation, opened once, by the first thread to open a scope. */
    private Scope requestScope;
    private Thread requestScopeThread;
    private boolean requestScopeOpened;

    SpanState(Span span, SpanKind kind) {
      this.span = span;
      this.kind = kind;
    }

    /** Makes the span current on this thread, in a request scope opened once per request when given. */
    void open(Observability requestScopes) {
      Thread thread = Thread.currentThread();
      if (requestScopes != null) {
        synchronized (this) {
          if (!requestScopeOpened) {
            requestScopeOpened = true; // a request scope is opened once, even after it closed
            requestScope = requestScopes.isolate();
            requestScopeThread = thread;
          }
        }
      }
      // Only this thread touches its own deque.
      scopes.computeIfAbsent(thread, t -> new ArrayDeque<>(2)).push(span.makeCurrent());
    }

    /** Closes the innermost scope this thread opened; true when it was this thread's last. */
    boolean close() {
      Thread thread = Thread.currentThread();
      Deque<Scope> own = scopes.get(thread);
      if (own == null) {
        return false; // closed already (a reset), or opened before this handler saw the observation
      }
      Scope scope = own.poll();
      if (own.isEmpty()) {
        scopes.remove(thread);
      }
      if (scope != null) {
        scope.close();
      }
      return own.isEmpty();
    }

    /** Closes every scope this thread has open on the span, and the request scope if it opened it. */
    void reset() {
      Deque<Scope> own = scopes.remove(Thread.currentThread());
      if (own != null) {
        for (Scope scope = own.poll(); scope != null; scope = own.poll()) {
          scope.close();
        }
      }
      closeRequestScopeOnThisThread();
    }

    /** Closes the request scope when this thread opened it; a scope closes on its own thread. */
    void closeRequestScopeOnThisThread() {
      Scope scope;
      synchronized (this) {
        if (requestScopeThread != Thread.currentThread()) {
          return;
        }
        scope = requestScope;
        requestScope = null;
        requestScopeThread = null;
      }
      if (scope != null) {
        scope.close();
      }
    }
  }
}
