package dev.obskit.integration.servlet;

import dev.obskit.api.CarrierGetter;
import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.http.HttpSemantics;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One observed request: its span, its start time and what the metrics are labelled with. Ends
 * when the filter returns, or for an async request when the response completes (it is then the
 * request's {@link AsyncListener}).
 */
final class ServerRequest implements AsyncListener {
  static final CarrierGetter<HttpServletRequest> HEADERS = (request, key) -> request.getHeader(key);
  /** Self-metric: the instrumentation itself failed on a request (the request went on untouched). */
  static final String FAILURE_KEY = "http.server.instrumentation_failures";
  /** Most query keys and headers put in a captured error's context. */
  private static final int MAX_CONTEXT_ENTRIES = 64;

  private final ObservabilityFilter.Settings settings;
  private final HttpServletRequest request;
  private final long startNanos;
  private final String method;
  private final String scheme;
  private final Span span;
  private final Labels activeLabels;
  /** 0 until ended, then 1 (a field updated atomically rather than an AtomicBoolean per request). */
  private volatile int ended;
  private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<ServerRequest> ENDED =
      java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(ServerRequest.class, "ended");
  private volatile Throwable failure;
  private volatile boolean committedAtFailure;
  /** 0 until the failure was captured, then 1. */
  private volatile int captured;
  private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<ServerRequest> CAPTURED =
      java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(ServerRequest.class, "captured");
  /**
   * Restores this request's scope, SERVER span and baggage (captured while its chain first ran)
   * around the task in {@link #TASK}: async re-dispatches and async errors happen later, on other
   * container threads, and must land in this request, not in whatever is current there.
   */
  private volatile Callable<Object> reentry;
  /** The task {@link #reentry} runs; set and cleared by {@link #inRequest} on the calling thread. */
  private static final ThreadLocal<Callable<?>> TASK = new ThreadLocal<>();

  private ServerRequest(ObservabilityFilter.Settings settings, HttpServletRequest request, long startNanos,
      SpanContext parent) {
    this.settings = settings;
    this.request = request;
    this.startNanos = startNanos;
    String original = request.getMethod();
    this.method = HttpSemantics.method(original);
    this.scheme = request.getScheme();
    Observability obs = settings.obs;
    dev.obskit.api.SpanBuilder b = obs.spanBuilder(method).kind(SpanKind.SERVER)
        .attribute(HttpSemantics.REQUEST_METHOD, method);
    if (parent.isValid()) {
      b.parent(parent);
    }
    if (!method.equals(original) && original != null) {
      b.attribute(HttpSemantics.REQUEST_METHOD_ORIGINAL, original);
    }
    putIfPresent(b, HttpSemantics.URL_PATH, request.getRequestURI());
    putIfPresent(b, HttpSemantics.URL_SCHEME, scheme);
    putIfPresent(b, HttpSemantics.SERVER_ADDRESS, request.getServerName());
    b.attribute(HttpSemantics.SERVER_PORT, (long) request.getServerPort());
    putIfPresent(b, HttpSemantics.CLIENT_ADDRESS, clientAddress(request));
    putIfPresent(b, HttpSemantics.USER_AGENT, request.getHeader("User-Agent"));
    putIfPresent(b, HttpSemantics.PROTOCOL_VERSION, HttpSemantics.protocolVersion(request.getProtocol()));
    for (String name : settings.http.serverRequestHeaders()) {
      String value = joined(request.getHeaders(name));
      if (value != null) {
        b.attribute(HttpSemantics.REQUEST_HEADER_PREFIX + name, settings.sensitive.test(name) ? Scrubber.FILTERED : value);
      }
    }
    this.span = b.startDetached();
    this.activeLabels = settings.activeLabels(method, scheme);
    settings.active.add(1, activeLabels);
  }

  private static void putIfPresent(dev.obskit.api.SpanBuilder b, String key, String value) {
    if (value != null && !value.isEmpty()) {
      b.attribute(key, value);
    }
  }

  /** Runs the chain for {@code req} inside a request scope and a current SERVER span. */
  static void observe(ObservabilityFilter.Settings settings, HttpServletRequest req, HttpServletResponse res,
      FilterChain chain) throws IOException, ServletException {
    Observability obs = settings.obs;
    ServerRequest observed;
    Scope scope = Scope.noop();
    Scope baggage = Scope.noop();
    Scope current = Scope.noop();
    long start = System.nanoTime();
    try {
      SpanContext parent = obs.extract(req, HEADERS);
      Map<String, String> entries = obs.extractBaggage(req, HEADERS);
      scope = obs.isolate();
      if (!entries.isEmpty()) {
        baggage = obs.withBaggage(entries);
      }
      observed = new ServerRequest(settings, req, start, parent);
      req.setAttribute(ObservabilityFilter.STATE_ATTRIBUTE, observed);
      current = observed.span.makeCurrent();
      observed.reentry = obs.wrap(ServerRequest::runTask);
    } catch (RuntimeException e) {
      // Never fail a request for its telemetry: run it unobserved and count it.
      current.close();
      baggage.close();
      scope.close();
      obs.selfMetrics().increment(FAILURE_KEY);
      chain.doFilter(req, res);
      return;
    }
    try {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      observed.failed(e, res);
      observed.captureFailure();
      throw e;
    } finally {
      current.close();
      observed.afterChain(res);
      baggage.close();
      scope.close();
    }
  }

  private static Object runTask() throws Exception {
    return TASK.get().call();
  }

  /** Runs {@code task} in this request's scope, span and baggage, whatever is current on this thread. */
  private void inRequest(Callable<?> task) throws Exception {
    Callable<Object> r = reentry;
    if (r == null) {
      task.call();
      return;
    }
    Callable<?> outer = TASK.get();
    TASK.set(task);
    try {
      r.call();
    } finally {
      if (outer == null) {
        TASK.remove();
      } else {
        TASK.set(outer);
      }
    }
  }

  /**
   * An async re-dispatch ({@code AsyncContext.dispatch()}) of this request, when the filter is
   * mapped for {@code ASYNC}: the chain runs in the request's scope and span, and an exception
   * escaping it is captured there (once) and rethrown unchanged.
   */
  void asyncDispatch(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    try {
      inRequest(() -> {
        try {
          chain.doFilter(req, res);
        } catch (IOException | ServletException | RuntimeException | Error e) {
          failed(e, res);
          captureFailure();
          throw e;
        }
        return null;
      });
    } catch (IOException | ServletException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new ServletException(e); // not reached: the chain throws only the types above
    }
  }

  /** Captures the failure in this request's scope and span; never throws. */
  private void captureInRequest() {
    try {
      inRequest(() -> {
        captureFailure();
        return null;
      });
    } catch (Exception | Error e) {
      settings.obs.selfMetrics().increment(FAILURE_KEY);
    }
  }

  /** After the filter's chain returned or threw: end now, or when an async response completes. */
  private void afterChain(HttpServletResponse res) {
    try {
      if (request.isAsyncStarted()) {
        request.getAsyncContext().addListener(this, request, res);
        return;
      }
    } catch (RuntimeException e) {
      // The async context went away meanwhile (completed already): end now.
    }
    end(res);
  }

  private void failed(Throwable e, ServletResponse res) {
    if (failure == null) {
      failure = e;
      committedAtFailure = res.isCommitted();
    }
  }

  /** Captures the failure once, with the request's context, in the current (request) scope. */
  private void captureFailure() {
    Throwable e = failure;
    // Once per request: an async dispatch's exception may reach the listeners' onError too.
    if (e == null || !CAPTURED.compareAndSet(this, 0, 1)) {
      return;
    }
    span.recordException(e);
    try {
      settings.obs.captureError(ErrorEvent.builder(e).namedContext("http", requestContext()).build());
    } catch (RuntimeException ignored) {
      // The facade never throws; reading the request for the context might.
      settings.obs.selfMetrics().increment(FAILURE_KEY);
    }
  }

  /** Method, path, route, query keys (never their values) and headers; the SDK scrubs secrets. */
  private Map<String, Object> requestContext() {
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("method", method);
    http.put("url.path", request.getRequestURI());
    String route = route();
    if (route != null) {
      http.put("route", route);
    }
    List<String> queryKeys = queryKeys(request.getQueryString());
    if (!queryKeys.isEmpty()) {
      http.put("query_keys", queryKeys);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements() && headers.size() < MAX_CONTEXT_ENTRIES) {
      String name = names.nextElement();
      String value = joined(request.getHeaders(name));
      if (value != null) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
      }
    }
    if (!headers.isEmpty()) {
      http.put("headers", headers);
    }
    return http;
  }

  static List<String> queryKeys(String query) {
    if (query == null || query.isEmpty()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (String part : query.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = eq >= 0 ? part.substring(0, eq) : part;
      if (!key.isEmpty() && !keys.contains(key)) {
        keys.add(key);
        if (keys.size() == MAX_CONTEXT_ENTRIES) {
          break;
        }
      }
    }
    return keys;
  }

  /** Ends the span and records the metrics, once. */
  void end(HttpServletResponse res) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    try {
      Throwable e = failure;
      // An exception the filter saw escape becomes the container's 500 unless a status was sent.
      int status = e != null && !committedAtFailure ? 500 : res.getStatus();
      String route = route();
      String errorType = e != null ? e.getClass().getName() : status >= 500 ? HttpSemantics.statusText(status) : null;
      if (route != null) {
        span.updateName(HttpSemantics.spanName(method, route));
        span.setAttribute(HttpSemantics.ROUTE, route);
      }
      span.setAttribute(HttpSemantics.RESPONSE_STATUS_CODE, (long) status);
      if (errorType != null) {
        span.setAttribute(HttpSemantics.ERROR_TYPE, errorType);
      }
      if (status >= 500 || e != null) {
        span.setStatus(SpanStatus.ERROR, e != null ? e.getClass().getName() : HttpSemantics.statusText(status));
      }
      for (String name : settings.http.serverResponseHeaders()) {
        String value = joinedCollection(res.getHeaders(name));
        if (value != null) {
          span.setAttribute(HttpSemantics.RESPONSE_HEADER_PREFIX + name,
              settings.sensitive.test(name) ? Scrubber.FILTERED : value);
        }
      }
      Labels.Builder labels = Labels.builder().put(HttpSemantics.REQUEST_METHOD, method)
          .put(HttpSemantics.RESPONSE_STATUS_CODE, HttpSemantics.statusText(status));
      if (scheme != null) {
        labels.put(HttpSemantics.URL_SCHEME, scheme);
      }
      if (route != null) {
        labels.put(HttpSemantics.ROUTE, route);
      }
      if (errorType != null) {
        labels.put(HttpSemantics.ERROR_TYPE, errorType);
      }
      settings.duration.record((System.nanoTime() - startNanos) / 1e9, labels.build());
    } catch (RuntimeException ex) {
      settings.obs.selfMetrics().increment(FAILURE_KEY);
    } finally {
      span.end();
      settings.active.add(-1, activeLabels);
    }
  }

  /**
   * The route template: the naming hook, else {@link ObservabilityFilter#ROUTE_ATTRIBUTE}, else
   * Spring MVC's matched pattern, else the servlet mapping when it is a template (not the default
   * servlet, whose "/*" says nothing); null when none knows.
   */
  String route() {
    if (settings.routes != null) {
      try {
        String r = settings.routes.apply(request);
        if (r != null && !r.isEmpty()) {
          return r;
        }
      } catch (RuntimeException e) {
        settings.obs.selfMetrics().increment(FAILURE_KEY);
      }
    }
    Object attribute = request.getAttribute(ObservabilityFilter.ROUTE_ATTRIBUTE);
    if (attribute instanceof String && !((String) attribute).isEmpty()) {
      return (String) attribute;
    }
    String context = request.getContextPath() == null ? "" : request.getContextPath();
    attribute = request.getAttribute(ObservabilityFilter.SPRING_PATTERN_ATTRIBUTE);
    if (attribute instanceof String && !((String) attribute).isEmpty()) {
      return context + attribute;
    }
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null || mapping.getMappingMatch() == null) {
      return null;
    }
    switch (mapping.getMappingMatch()) {
      case EXACT:
      case PATH:
        return context + mapping.getPattern();
      case EXTENSION:
        return context + "/" + mapping.getPattern();
      case CONTEXT_ROOT:
        return context + "/";
      default:
        return null;
    }
  }

  /** The client: the first {@code X-Forwarded-For} hop, else {@code Forwarded: for=}, else the peer. */
  static String clientAddress(HttpServletRequest request) {
    String xff = request.getHeader("X-Forwarded-For");
    if (xff != null && !xff.isBlank()) {
      int comma = xff.indexOf(',');
      return (comma >= 0 ? xff.substring(0, comma) : xff).trim();
    }
    String forwarded = request.getHeader("Forwarded");
    if (forwarded != null) {
      for (String part : forwarded.split("[;,]")) {
        String p = part.trim();
        if (p.regionMatches(true, 0, "for=", 0, 4)) {
          return p.substring(4).replace("\"", "");
        }
      }
    }
    return request.getRemoteAddr();
  }

  private static String joined(Enumeration<String> values) {
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return first;
    }
    StringBuilder sb = new StringBuilder(first);
    while (values.hasMoreElements()) {
      sb.append(',').append(values.nextElement());
    }
    return sb.toString();
  }

  private static String joinedCollection(java.util.Collection<String> values) {
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }

  // ---------------------------------------------------------------- async

  @Override
  public void onComplete(AsyncEvent event) {
    // With the filter mapped for REQUEST only, an exception escaping an async re-dispatch never
    // passes it; the container hands it to its error handling under the servlet error attribute.
    if (failure == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable) {
      failed((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), event.getSuppliedResponse());
      captureInRequest();
    }
    end(response(event));
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // The container answers a timed-out request itself; onComplete follows.
  }

  @Override
  public void onError(AsyncEvent event) {
    Throwable t = event.getThrowable();
    if (t != null) {
      failed(t, event.getSuppliedResponse());
      captureInRequest();
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Restarted from a re-dispatch: listeners must be registered again to hear the completion.
    event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
  }

  private static HttpServletResponse response(AsyncEvent event) {
    ServletResponse r = event.getSuppliedResponse();
    if (r instanceof HttpServletResponse) {
      return (HttpServletResponse) r;
    }
    return (HttpServletResponse) event.getAsyncContext().getResponse();
  }
}
