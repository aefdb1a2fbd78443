package dev.obskit.integration.httpclient;

import dev.obskit.api.Labels;
import dev.obskit.api.Span;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.core.http.HttpSemantics;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** One call in flight: its span and what its duration is labelled with. Ends once. */
final class ClientCall {
  private final ClientCalls calls;
  private final Span span;
  private final HttpRequest request;
  private final String method;
  private final String host;
  private final int port;
  private final long startNanos;
  private final AtomicBoolean ended = new AtomicBoolean();

  ClientCall(ClientCalls calls, Span span, HttpRequest request, String method, String host, int port, long startNanos) {
    this.calls = calls;
    this.span = span;
    this.request = request;
    this.method = method;
    this.host = host;
    this.port = port;
    this.startNanos = startNanos;
  }

  /** The request to send: the caller's, with this call's trace headers. */
  HttpRequest request() {
    return request;
  }

  /** Ends the call with its response or its failure (exactly one is non-null). */
  void end(HttpResponse<?> response, Throwable failure) {
    if (method == null || !ended.compareAndSet(false, true)) {
      return;
    }
    try {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      int status = response != null ? response.statusCode() : 0;
      String errorType = cause != null ? cause.getClass().getName() : status >= 400 ? HttpSemantics.statusText(status) : null;
      if (status > 0) {
        span.setAttribute(HttpSemantics.RESPONSE_STATUS_CODE, (long) status);
      }
      if (response != null) {
        String version = response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1";
        span.setAttribute(HttpSemantics.PROTOCOL_VERSION, version);
        for (String name : calls.http.clientResponseHeaders()) {
          response.headers().firstValue(name).ifPresent(v -> span.setAttribute(
              HttpSemantics.RESPONSE_HEADER_PREFIX + name, calls.sensitive.test(name) ? Scrubber.FILTERED : v));
        }
      }
      if (cause != null) {
        span.recordException(cause);
      }
      if (errorType != null) {
        span.setAttribute(HttpSemantics.ERROR_TYPE, errorType);
        span.setStatus(SpanStatus.ERROR, errorType);
      }
      Labels.Builder labels = Labels.builder().put(HttpSemantics.REQUEST_METHOD, method);
      if (host != null) {
        labels.put(HttpSemantics.SERVER_ADDRESS, host);
      }
      if (port > 0) {
        labels.put(HttpSemantics.SERVER_PORT, Integer.toString(port));
      }
      if (status > 0) {
        labels.put(HttpSemantics.RESPONSE_STATUS_CODE, HttpSemantics.statusText(status));
      }
      if (errorType != null) {
        labels.put(HttpSemantics.ERROR_TYPE, errorType);
      }
      calls.duration.record((System.nanoTime() - startNanos) / 1e9, labels.build());
    } catch (RuntimeException e) {
      calls.obs.selfMetrics().increment(ClientCalls.FAILURE_KEY);
    } finally {
      span.end();
    }
  }
}
