package dev.obskit.core.config;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.BackendConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code http:} section, read by the HTTP integrations ({@code integration-servlet},
 * {@code integration-httpclient}): which headers become span attributes and which request paths
 * are not traced at all. Validated at start-up like every other key; see {@code docs/services.md}.
 *
 * <pre>{@code
 * http:
 *   server:
 *     ignore_paths: [/health, /ready, /actuator/*]
 *     request_headers: [x-request-id]
 *     response_headers: [content-type]
 *   client:
 *     request_headers: [x-request-id]
 *     response_headers: []
 * }</pre>
 */
public final class HttpSettings {
  /** The settings when nothing is configured (and for instances not built by the SDK). */
  public static final HttpSettings DEFAULTS = new HttpSettings(List.of(), List.of(), List.of(), List.of(), List.of());

  private final List<String> ignoredExact;
  private final List<String> ignoredPrefixes;
  private final List<String> ignorePaths;
  private final List<String> serverRequestHeaders;
  private final List<String> serverResponseHeaders;
  private final List<String> clientRequestHeaders;
  private final List<String> clientResponseHeaders;

  private HttpSettings(List<String> ignorePaths, List<String> serverRequestHeaders,
      List<String> serverResponseHeaders, List<String> clientRequestHeaders, List<String> clientResponseHeaders) {
    this.ignorePaths = List.copyOf(ignorePaths);
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String p : ignorePaths) {
      if (p.endsWith("/*")) {
        prefixes.add(p.substring(0, p.length() - 1));
      } else {
        exact.add(p);
      }
    }
    this.ignoredExact = List.copyOf(exact);
    this.ignoredPrefixes = List.copyOf(prefixes);
    this.serverRequestHeaders = List.copyOf(serverRequestHeaders);
    this.serverResponseHeaders = List.copyOf(serverResponseHeaders);
    this.clientRequestHeaders = List.copyOf(clientRequestHeaders);
    this.clientResponseHeaders = List.copyOf(clientResponseHeaders);
  }

  /** Reads and validates {@code http.*} from its section; problems are recorded with the configuration's. */
  public static HttpSettings read(BackendConfig http) {
    BackendConfig server = http.section("server");
    BackendConfig client = http.section("client");
    List<String> ignore = paths(server, "ignore_paths");
    List<String> serverReq = headers(server, "request_headers");
    List<String> serverRes = headers(server, "response_headers");
    List<String> clientReq = headers(client, "request_headers");
    List<String> clientRes = headers(client, "response_headers");
    if (ignore.isEmpty() && serverReq.isEmpty() && serverRes.isEmpty() && clientReq.isEmpty() && clientRes.isEmpty()) {
      return DEFAULTS;
    }
    return new HttpSettings(ignore, serverReq, serverRes, clientReq, clientRes);
  }

  private static List<String> paths(BackendConfig section, String key) {
    List<String> raw = section.getStringList(key, List.of());
    Set<String> out = new LinkedHashSet<>();
    for (String p : raw) {
      String path = p.trim();
      if (!path.startsWith("/") || path.indexOf('*') >= 0 && !(path.endsWith("/*") && path.indexOf('*') == path.length() - 1)) {
        section.problem(key, "\"" + path + "\" is not a path: expected an exact path starting with / (/health) or a"
            + " prefix ending in /* (/actuator/*)");
        return List.of();
      }
      out.add(path);
    }
    return List.copyOf(out);
  }

  private static List<String> headers(BackendConfig section, String key) {
    List<String> raw = section.getStringList(key, List.of());
    Set<String> out = new LinkedHashSet<>();
    for (String h : raw) {
      String name = h.trim().toLowerCase(Locale.ROOT);
      if (!isToken(name)) {
        section.problem(key, "\"" + h + "\" is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
        return List.of();
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The settings of {@code obs}: its {@code http:} section when the SDK built it, else {@link
   * #DEFAULTS}.
   */
  public static HttpSettings of(Observability obs) {
    if (obs instanceof dev.obskit.core.internal.CoreObservability) {
      return ((dev.obskit.core.internal.CoreObservability) obs).httpSettings();
    }
    return DEFAULTS;
  }

  /**
   * Whether a key (a header name) is one of {@code obs}'s scrubbing keys, whose values must not be
   * recorded; nothing is sensitive for an instance the SDK did not build.
   */
  public static java.util.function.Predicate<String> sensitiveKeys(Observability obs) {
    if (obs instanceof dev.obskit.core.internal.CoreObservability) {
      dev.obskit.core.internal.DefaultScrubber scrubber = ((dev.obskit.core.internal.CoreObservability) obs).scrubber();
      return scrubber::isSensitiveKey;
    }
    return key -> false;
  }

  /** {@code http.server.ignore_paths}: exact paths, or prefixes ending in {@code /*}. */
  public List<String> serverIgnorePaths() {
    return ignorePaths;
  }

  /** Whether a request to {@code path} (the path without query) is left untraced. */
  public boolean ignores(String path) {
    if (path == null) {
      return false;
    }
    for (int i = 0; i < ignoredExact.size(); i++) {
      if (ignoredExact.get(i).equals(path)) {
        return true;
      }
    }
    for (int i = 0; i < ignoredPrefixes.size(); i++) {
      String prefix = ignoredPrefixes.get(i);
      // "/actuator/*" covers /actuator itself and everything below it.
      if (path.startsWith(prefix) || path.length() == prefix.length() - 1 && prefix.startsWith(path)) {
        return true;
      }
    }
    return false;
  }

  /** {@code http.server.request_headers}: lower-case names recorded as {@code http.request.header.<name>}. */
  public List<String> serverRequestHeaders() {
    return serverRequestHeaders;
  }

  /** {@code http.server.response_headers}: recorded as {@code http.response.header.<name>}. */
  public List<String> serverResponseHeaders() {
    return serverResponseHeaders;
  }

  /** {@code http.client.request_headers}: recorded as {@code http.request.header.<name>}. */
  public List<String> clientRequestHeaders() {
    return clientRequestHeaders;
  }

  /** {@code http.client.response_headers}: recorded as {@code http.response.header.<name>}. */
  public List<String> clientResponseHeaders() {
    return clientResponseHeaders;
  }
}
