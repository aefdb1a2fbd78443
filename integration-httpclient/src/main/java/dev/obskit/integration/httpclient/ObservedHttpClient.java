package dev.obskit.integration.httpclient;

import dev.obskit.api.Observability;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * request (the caller's own {@code baggage} members are kept, the SDK's added; see the services
 * docs), and {@code http.client.request.duration}, named and attributed by the OpenTelemetry
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

  // ------------------------------------------------------------- lifecycle (Java 21+)
  //
  // Java 21 gave HttpClient shutdown(), shutdownNow(), awaitTermination(Duration), isTerminated()
  // and close() (it is AutoCloseable there). Their default bodies do nothing useful on a subclass,
  // so without these a `try (HttpClient c = ObservedHttpClient.wrap(..))` would never release the
  // real client. They are declared without @Override and call the delegate through method handles
  // looked up once: this module is built for Java 17, where the methods do not exist (and then
  // these do nothing, as there is nothing to release).

  private static final MethodHandle SHUTDOWN = lifecycle("shutdown", MethodType.methodType(void.class));
  private static final MethodHandle SHUTDOWN_NOW = lifecycle("shutdownNow", MethodType.methodType(void.class));
  private static final MethodHandle AWAIT_TERMINATION =
      lifecycle("awaitTermination", MethodType.methodType(boolean.class, Duration.class));
  private static final MethodHandle IS_TERMINATED = lifecycle("isTerminated", MethodType.methodType(boolean.class));
  private static final MethodHandle CLOSE = lifecycle("close", MethodType.methodType(void.class));

  /** {@code HttpClient}'s method {@code name} on this JVM, or null before Java 21. */
  private static MethodHandle lifecycle(String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Starts an orderly shutdown of the real client (Java 21+): sent requests finish, new ones fail. */
  public void shutdown() {
    if (SHUTDOWN != null) {
      invokeVoid(SHUTDOWN);
    }
  }

  /** Shuts the real client down now (Java 21+), failing the requests in flight. */
  public void shutdownNow() {
    if (SHUTDOWN_NOW != null) {
      invokeVoid(SHUTDOWN_NOW);
    }
  }

  /** Waits up to {@code duration} for the real client to terminate (Java 21+); false before Java 21. */
  public boolean awaitTermination(Duration duration) throws InterruptedException {
    if (AWAIT_TERMINATION == null) {
      return false;
    }
    try {
      return (boolean) AWAIT_TERMINATION.invokeExact(delegate, duration);
    } catch (InterruptedException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the real client has terminated (Java 21+); false before Java 21. */
  public boolean isTerminated() {
    if (IS_TERMINATED == null) {
      return false;
    }
    try {
      return (boolean) IS_TERMINATED.invokeExact(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes the real client (Java 21+): shuts it down and waits for its requests to finish. */
  public void close() {
    if (CLOSE != null) {
      invokeVoid(CLOSE);
    }
  }

  private void invokeVoid(MethodHandle method) {
    try {
      method.invokeExact(delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ObservedHttpClient{" + delegate + '}';
  }
}
