package dev.obskit.integration.httpclient;

import dev.obskit.api.Observability;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient} that observes every request it sends and delegates the sending itself to
 * the real client: a {@code CLIENT} span per request (child of the current span), the W3C
 * {@code traceparent}/{@code tracestate}/{@code baggage} headers of that span added to the
 * request, and {@code http.client.request.duration}, named and attributed by the OpenTelemetry
 * HTTP semantic conventions. Sync and async sends; the response and any exception reach the
 * caller unchanged.
 *
 * <pre>{@code
 * HttpClient http = ObservedHttpClient.wrap(HttpClient.newHttpClient(), obs);
 * HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
 * }</pre>
 */
public final class ObservedHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final ClientCalls calls;

  private ObservedHttpClient(HttpClient delegate, Observability obs) {
    this.delegate = delegate;
    this.calls = new ClientCalls(obs);
  }

  /** {@code delegate}, observed through {@code obs}. */
  public static HttpClient wrap(HttpClient delegate, Observability obs) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(obs, "obs");
    return new ObservedHttpClient(delegate, obs);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    ClientCall call = calls.start(request);
    HttpResponse<T> response;
    try {
      response = delegate.send(call.request(), handler);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      call.end(null, e);
      throw e;
    }
    call.end(response, null);
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    ClientCall call = calls.start(request);
    CompletableFuture<HttpResponse<T>> future;
    try {
      future = delegate.sendAsync(call.request(), handler);
    } catch (RuntimeException | Error e) {
      call.end(null, e);
      throw e;
    }
    // The caller gets the client's own future (cancelling it still cancels the exchange).
    future.whenComplete(call::end);
    return future;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    ClientCall call = calls.start(request);
    CompletableFuture<HttpResponse<T>> future;
    try {
      future = delegate.sendAsync(call.request(), handler, pushPromiseHandler);
    } catch (RuntimeException | Error e) {
      call.end(null, e);
      throw e;
    }
    future.whenComplete(call::end);
    return future;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public java.net.http.WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  @Override
  public String toString() {
    return "ObservedHttpClient{" + delegate + '}';
  }
}
