package dev.obskit.integration.httpclient;

import dev.obskit.api.CarrierSetter;
import dev.obskit.api.Histogram;
import dev.obskit.api.Observability;
import dev.obskit.api.Scope;
import dev.obskit.api.Span;
import dev.obskit.api.SpanBuilder;
import dev.obskit.api.SpanKind;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.config.HttpSettings;
import dev.obskit.core.http.HttpSemantics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.function.Predicate;

/** What every call of one observed client shares, and the start of each call. */
final class ClientCalls {
  /** Self-metric: the instrumentation itself failed on a call (the call was sent unobserved). */
  static final String FAILURE_KEY = "http.client.instrumentation_failures";
  private static final Set<String> PROPAGATION_HEADERS = Set.of("traceparent", "tracestate", "baggage");
  private static final CarrierSetter<HttpRequest.Builder> SETTER = (builder, key, value) -> builder.setHeader(key, value);

  final Observability obs;
  final HttpSettings http;
  final Predicate<String> sensitive;
  final Histogram duration;

  ClientCalls(Observability obs) {
    this.obs = obs;
    this.http = HttpSettings.of(obs);
    this.sensitive = HttpSettings.sensitiveKeys(obs);
    this.duration = obs.histogram(HttpSemantics.CLIENT_DURATION, HttpSemantics.DURATION_OPTIONS);
  }

  /** Starts the span of a call and returns it with the request carrying that span's headers. */
  ClientCall start(HttpRequest request) {
    long start = System.nanoTime();
    Span span = Span.noop();
    try {
      String method = HttpSemantics.method(request.method());
      URI uri = request.uri();
      SpanBuilder b = obs.spanBuilder(method).kind(SpanKind.CLIENT).attribute(HttpSemantics.REQUEST_METHOD, method);
      if (!method.equals(request.method())) {
        b.attribute(HttpSemantics.REQUEST_METHOD_ORIGINAL, request.method());
      }
      String host = uri.getHost();
      int port = port(uri);
      if (host != null) {
        b.attribute(HttpSemantics.SERVER_ADDRESS, host);
      }
      if (port > 0) {
        b.attribute(HttpSemantics.SERVER_PORT, (long) port);
      }
      b.attribute(HttpSemantics.URL_FULL, fullUrl(uri));
      for (String name : http.clientRequestHeaders()) {
        request.headers().firstValue(name).ifPresent(v ->
            b.attribute(HttpSemantics.REQUEST_HEADER_PREFIX + name, sensitive.test(name) ? Scrubber.FILTERED : v));
      }
      span = b.startDetached();
      HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) ->
          !PROPAGATION_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)));
      java.util.List<String> callerBaggage = request.headers().allValues("baggage");
      if (callerBaggage.isEmpty()) {
        try (Scope current = span.makeCurrent()) {
          obs.inject(copy, SETTER);
        }
      } else {
        // The caller's own baggage is merged with the SDK's, not replaced by it.
        String[] sdkBaggage = new String[1];
        try (Scope current = span.makeCurrent()) {
          obs.inject(copy, (builder, key, value) -> {
            if (OutgoingBaggage.isBaggage(key)) {
              sdkBaggage[0] = value;
            } else {
              builder.setHeader(key, value);
            }
          });
        }
        String merged = OutgoingBaggage.merge(callerBaggage, sdkBaggage[0]);
        if (!merged.isEmpty()) {
          copy.setHeader("baggage", merged);
        }
      }
      return new ClientCall(this, span, copy.build(), method, host, port, start);
    } catch (RuntimeException e) {
      // Never fail a call for its telemetry: send the caller's request as it is.
      span.end();
      obs.selfMetrics().increment(FAILURE_KEY);
      return new ClientCall(this, Span.noop(), request, null, null, -1, start);
    }
  }

  /** The port the request goes to: explicit, else the scheme's default. */
  static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    String scheme = uri.getScheme();
    return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
  }

  /**
   * The URL without user info and without the query string: both may carry credentials (the
   * conventions ask for them to be redacted), and the path is what tells calls apart.
   */
  static String fullUrl(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
    }
    if (uri.getPort() > 0) {
      sb.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    sb.append(path == null || path.isEmpty() ? "/" : path);
    return sb.toString();
  }
}
