package dev.obskit.benchmarks.support;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * A servlet filter on OpenTelemetry's own HTTP server instrumentation API
 * ({@code opentelemetry-instrumentation-api}: {@link Instrumenter} with the HTTP server attributes
 * extractor, span name and status extractors, route customizer and {@link HttpServerMetrics}):
 * what OpenTelemetry's servlet library filter is built from. The library itself
 * ({@code opentelemetry-servlet-5.0}) is listed by the instrumentation BOM but its artifact is not
 * served, so this is the closest OpenTelemetry side that can run here.
 */
public final class OtelServletFilter implements Filter {
  private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;

  public OtelServletFilter(OpenTelemetry otel) {
    Getter getter = new Getter();
    this.instrumenter = Instrumenter.<HttpServletRequest, HttpServletResponse>builder(otel, Fixtures.SCOPE,
            HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
        .addContextCustomizer(HttpServerRoute.create(getter))
        .addOperationMetrics(HttpServerMetrics.get())
        .buildServerInstrumenter(new HeaderGetter());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    Context parent = Context.current();
    if (!instrumenter.shouldStart(parent, req)) {
      chain.doFilter(request, response);
      return;
    }
    Context context = instrumenter.start(parent, req);
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      error = e;
      throw e;
    } finally {
      instrumenter.end(context, req, res, error);
    }
  }

  private static final class HeaderGetter implements TextMapGetter<HttpServletRequest> {
    @Override
    public Iterable<String> keys(HttpServletRequest carrier) {
      return Collections.list(carrier.getHeaderNames());
    }

    @Override
    public String get(HttpServletRequest carrier, String key) {
      return carrier == null ? null : carrier.getHeader(key);
    }
  }

  private static final class Getter implements HttpServerAttributesGetter<HttpServletRequest, HttpServletResponse> {
    @Override
    public String getHttpRequestMethod(HttpServletRequest request) {
      return request.getMethod();
    }

    @Override
    public List<String> getHttpRequestHeader(HttpServletRequest request, String name) {
      return Collections.list(request.getHeaders(name));
    }

    @Override
    public Integer getHttpResponseStatusCode(HttpServletRequest request, HttpServletResponse response, Throwable error) {
      return response.getStatus();
    }

    @Override
    public List<String> getHttpResponseHeader(HttpServletRequest request, HttpServletResponse response, String name) {
      return List.copyOf(response.getHeaders(name));
    }

    @Override
    public String getUrlScheme(HttpServletRequest request) {
      return request.getScheme();
    }

    @Override
    public String getUrlPath(HttpServletRequest request) {
      return request.getRequestURI();
    }

    @Override
    public String getUrlQuery(HttpServletRequest request) {
      return request.getQueryString();
    }

    @Override
    public String getHttpRoute(HttpServletRequest request) {
      return request.getHttpServletMapping() == null ? null : request.getHttpServletMapping().getPattern();
    }

    @Override
    public String getNetworkProtocolName(HttpServletRequest request, HttpServletResponse response) {
      return "http";
    }

    @Override
    public String getNetworkProtocolVersion(HttpServletRequest request, HttpServletResponse response) {
      String p = request.getProtocol();
      return p != null && p.startsWith("HTTP/") ? p.substring(5) : null;
    }

    @Override
    public String getNetworkPeerAddress(HttpServletRequest request, HttpServletResponse response) {
      return request.getRemoteAddr();
    }

    @Override
    public Integer getNetworkPeerPort(HttpServletRequest request, HttpServletResponse response) {
      return request.getRemotePort();
    }
  }
}
