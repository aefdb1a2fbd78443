package dev.obskit.core.http;

import dev.obskit.api.InstrumentOptions;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenTelemetry HTTP semantic conventions (stable, v1.2x) shared by the HTTP server and client
 * integrations: attribute and metric names, the duration buckets, method normalisation.
 */
public final class HttpSemantics {
  public static final String REQUEST_METHOD = "http.request.method";
  public static final String REQUEST_METHOD_ORIGINAL = "http.request.method_original";
  public static final String RESPONSE_STATUS_CODE = "http.response.status_code";
  public static final String ROUTE = "http.route";
  public static final String URL_PATH = "url.path";
  public static final String URL_SCHEME = "url.scheme";
  public static final String URL_FULL = "url.full";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  public static final String CLIENT_ADDRESS = "client.address";
  public static final String USER_AGENT = "user_agent.original";
  public static final String ERROR_TYPE = "error.type";
  public static final String PROTOCOL_VERSION = "network.protocol.version";
  /** Prefix of a recorded request header: {@code http.request.header.<lower-case name>}. */
  public static final String REQUEST_HEADER_PREFIX = "http.request.header.";
  /** Prefix of a recorded response header. */
  public static final String RESPONSE_HEADER_PREFIX = "http.response.header.";

  public static final String SERVER_DURATION = "http.server.request.duration";
  public static final String SERVER_ACTIVE = "http.server.active_requests";
  public static final String CLIENT_DURATION = "http.client.request.duration";

  /** The duration histograms' boundaries in seconds, as the conventions advise. */
  public static final InstrumentOptions DURATION_OPTIONS = InstrumentOptions.builder().unit("s")
      .description("Duration of HTTP requests.")
      .buckets(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10).build();
  public static final InstrumentOptions ACTIVE_OPTIONS = InstrumentOptions.builder().unit("{request}")
      .description("Number of active HTTP server requests.").build();

  /** A method outside the known set, as the conventions name it (the original goes in its own attribute). */
  public static final String OTHER_METHOD = "_OTHER";
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY");

  private HttpSemantics() {}

  /**
   * The method as the conventions report it: one of the known methods, else {@value #OTHER_METHOD}
   * (a request could otherwise mint a new span name and label per made-up method).
   */
  public static String method(String method) {
    if (method == null) {
      return OTHER_METHOD;
    }
    if (KNOWN_METHODS.contains(method)) {
      return method;
    }
    String upper = method.toUpperCase(Locale.ROOT);
    return KNOWN_METHODS.contains(upper) ? upper : OTHER_METHOD;
  }

  /** {@code 1.1} for {@code HTTP/1.1}; null when not of that form. */
  public static String protocolVersion(String protocol) {
    if (protocol == null || !protocol.startsWith("HTTP/") || protocol.length() == 5) {
      return null;
    }
    return protocol.substring(5);
  }

  private static final String[] STATUS_TEXT = new String[600];

  static {
    for (int i = 100; i < STATUS_TEXT.length; i++) {
      STATUS_TEXT[i] = Integer.toString(i);
    }
  }

  /** A status code as label text, without a new string per request for the usual codes. */
  public static String statusText(int status) {
    return status >= 100 && status < STATUS_TEXT.length ? STATUS_TEXT[status] : Integer.toString(status);
  }

  /** The span name: {@code {method} {route}}, or {@code {method}} when the route is unknown. */
  public static String spanName(String method, String route) {
    return route == null || route.isEmpty() ? method : method + ' ' + route;
  }
}
