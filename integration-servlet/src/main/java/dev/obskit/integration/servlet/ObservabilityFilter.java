package dev.obskit.integration.servlet;

import dev.obskit.api.GlobalObservability;
import dev.obskit.api.Histogram;
import dev.obskit.api.Observability;
import dev.obskit.api.UpDownCounter;
import dev.obskit.core.config.HttpSettings;
import dev.obskit.core.http.HttpSemantics;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Observes every HTTP request that passes through it, as the OpenTelemetry HTTP semantic
 * conventions describe a server: one {@code SERVER} span per request, continuing the caller's
 * W3C trace ({@code traceparent}, {@code baggage}), named {@code {method} {route}}; a request
 * scope ({@link Observability#isolate()}) around the whole chain, so that the user and tags the
 * application sets and the breadcrumbs it leaves belong to this request only; the metrics
 * {@code http.server.request.duration} and {@code http.server.active_requests}. An exception
 * escaping the chain is captured once, with the request's method, route, query keys and
 * (scrubbed) headers, and rethrown unchanged. The response is never touched.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(ObservabilityFilter.builder(obs)
 *     .routes(request -> (String) request.getAttribute("my.route"))
 *     .build()), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
 * }</pre>
 *
 * <p>Map it first in the chain, for {@link DispatcherType#REQUEST} and {@link
 * DispatcherType#ASYNC}: an async re-dispatch ({@code AsyncContext.dispatch()}) then runs in the
 * request's scope and span, and an exception escaping it is captured there. Mapped for REQUEST
 * only, such an exception is still captured once, when the response completes. Other dispatches
 * (forwards, includes, error pages) of an observed request pass straight through. The {@code http.server} settings come from the SDK's {@code
 * http:} configuration section (see {@link HttpSettings}).
 */
public final class ObservabilityFilter implements Filter {
  /**
   * A request attribute a framework or the application may set to the matched route template
   * ({@code /orders/{id}}) while handling the request; read when the response completes.
   */
  public static final String ROUTE_ATTRIBUTE = "dev.obskit.http.route";
  /** Spring MVC's matched pattern, read as the route when present (no Spring dependency). */
  static final String SPRING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
  /** Marks a request this filter already observes (forwards, async re-dispatches, a second filter). */
  static final String STATE_ATTRIBUTE = ObservabilityFilter.class.getName() + ".request";

  private volatile Settings settings;

  /**
   * A filter over {@link GlobalObservability} as it is when the container initialises the filter,
   * for containers that instantiate filters themselves ({@code web.xml}).
   */
  public ObservabilityFilter() {}

  /** A filter over {@code obs} with the defaults. */
  public ObservabilityFilter(Observability obs) {
    this(builder(obs));
  }

  private ObservabilityFilter(Builder b) {
    this.settings = new Settings(b.obs, b.routes);
  }

  /** A builder for a filter over {@code obs}. */
  public static Builder builder(Observability obs) {
    return new Builder(obs);
  }

  @Override
  public void init(FilterConfig filterConfig) {
    if (settings == null) {
      settings = new Settings(GlobalObservability.get(), null);
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Settings s = settings;
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && request.getAttribute(STATE_ATTRIBUTE) instanceof ServerRequest) {
      ((ServerRequest) request.getAttribute(STATE_ATTRIBUTE)).asyncDispatch(request, response, chain);
      return;
    }
    if (s == null || !(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)
        || request.getDispatcherType() != DispatcherType.REQUEST || request.getAttribute(STATE_ATTRIBUTE) != null) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    if (!s.http.serverIgnorePaths().isEmpty() && s.http.ignores(appPath(req))) {
      chain.doFilter(request, response);
      return;
    }
    ServerRequest.observe(s, req, res, chain);
  }

  /** The request path inside the application (without its context path), for ignore_paths. */
  private static String appPath(HttpServletRequest req) {
    String uri = req.getRequestURI();
    String context = req.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  @Override
  public void destroy() {}

  /** What every request of one filter shares: the facade, the settings and the instruments. */
  static final class Settings {
    final Observability obs;
    final HttpSettings http;
    final Function<HttpServletRequest, String> routes;
    /** Whether a header's value must not be recorded (the SDK's scrubbing keys). */
    final java.util.function.Predicate<String> sensitive;
    final Histogram duration;
    final UpDownCounter active;
    /** The active-requests labels per method, for http and https (the label set of a request is one of few). */
    private final java.util.concurrent.ConcurrentHashMap<String, dev.obskit.api.Labels> activeHttp =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, dev.obskit.api.Labels> activeHttps =
        new java.util.concurrent.ConcurrentHashMap<>();

    Settings(Observability obs, Function<HttpServletRequest, String> routes) {
      this.obs = obs;
      this.http = HttpSettings.of(obs);
      this.routes = routes;
      this.sensitive = HttpSettings.sensitiveKeys(obs);
      this.duration = obs.histogram(HttpSemantics.SERVER_DURATION, HttpSemantics.DURATION_OPTIONS);
      this.active = obs.upDownCounter(HttpSemantics.SERVER_ACTIVE, HttpSemantics.ACTIVE_OPTIONS);
    }

    /** The active-requests labels of a request; {@code method} is already one of the known few. */
    dev.obskit.api.Labels activeLabels(String method, String scheme) {
      java.util.concurrent.ConcurrentHashMap<String, dev.obskit.api.Labels> cache =
          "http".equals(scheme) ? activeHttp : "https".equals(scheme) ? activeHttps : null;
      if (cache == null) {
        return labels(method, scheme);
      }
      dev.obskit.api.Labels l = cache.get(method);
      if (l == null) {
        l = labels(method, scheme);
        cache.putIfAbsent(method, l);
      }
      return l;
    }

    private static dev.obskit.api.Labels labels(String method, String scheme) {
      return scheme == null ? dev.obskit.api.Labels.of(HttpSemantics.REQUEST_METHOD, method)
          : dev.obskit.api.Labels.of(HttpSemantics.REQUEST_METHOD, method, HttpSemantics.URL_SCHEME, scheme);
    }
  }

  /** Builds an {@link ObservabilityFilter}. */
  public static final class Builder {
    private final Observability obs;
    private Function<HttpServletRequest, String> routes;

    private Builder(Observability obs) {
      this.obs = Objects.requireNonNull(obs, "obs");
    }

    /**
     * The route naming hook: the route template of a request ({@code /orders/{id}}), or null when
     * it does not know. Called once when the response completes; it wins over {@link
     * #ROUTE_ATTRIBUTE}, Spring MVC's matched pattern and the servlet mapping. A hook that throws
     * counts as "does not know". Never return the raw path: a route names many requests.
     */
    public Builder routes(Function<HttpServletRequest, String> routes) {
      this.routes = routes;
      return this;
    }

    /** The filter. */
    public ObservabilityFilter build() {
      return new ObservabilityFilter(this);
    }
  }
}
