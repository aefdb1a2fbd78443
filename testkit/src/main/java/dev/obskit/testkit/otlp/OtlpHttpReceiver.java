package dev.obskit.testkit.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A wire-level OTLP/HTTP receiver for tests: what an OpenTelemetry Collector would see. It
 * listens on 127.0.0.1 on a free port, takes {@code POST /v1/traces}, {@code /v1/metrics} and
 * {@code /v1/logs} in protobuf, gzip-compressed or not, and decodes
 * them with the official {@code opentelemetry-proto} classes.
 *
 * <pre>{@code
 * try (OtlpHttpReceiver collector = OtlpHttpReceiver.start()) {
 *   // point the exporter at collector.endpoint()
 *   ReceivedSpan span = collector.awaitSpan("generate_question", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>For failure tests it can answer every request with an error status ({@link #failWith}) or
 * accept the request and never answer ({@link #hang()}) until closed.
 */
public final class OtlpHttpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Object lock = new Object();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedMetric> metrics = new ArrayList<>();
  private final List<ReceivedLog> logs = new ArrayList<>();
  private final AtomicInteger traceRequests = new AtomicInteger();
  private final AtomicInteger metricRequests = new AtomicInteger();
  private final AtomicInteger logRequests = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile int failStatus;
  private volatile boolean hang;
  private volatile Map<String, String> lastHeaders = Map.of();

  private OtlpHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // A thread per request so a hanging request never stops the others.
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "otlp-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/v1/traces", ex -> handle(ex, this::onTraces, traceRequests));
    server.createContext("/v1/metrics", ex -> handle(ex, this::onMetrics, metricRequests));
    server.createContext("/v1/logs", ex -> handle(ex, this::onLogs, logRequests));
    server.start();
  }

  /** Starts a receiver on a free port of 127.0.0.1. */
  public static OtlpHttpReceiver start() {
    try {
      return new OtlpHttpReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the OTLP receiver", e);
    }
  }

  /** The base URL, {@code http://127.0.0.1:PORT}: what {@code otel.otlp.endpoint} takes. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  /** The port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers every following request with {@code status} (for example 503); 0 to stop failing. */
  public OtlpHttpReceiver failWith(int status) {
    this.failStatus = status;
    return this;
  }

  /** Reads every following request and never answers it (until {@link #close()}). */
  public OtlpHttpReceiver hang() {
    this.hang = true;
    return this;
  }

  /** Number of {@code /v1/traces} requests received (including failed and hung ones). */
  public int traceRequests() {
    return traceRequests.get();
  }

  /** Number of {@code /v1/metrics} requests received. */
  public int metricRequests() {
    return metricRequests.get();
  }

  /** Number of {@code /v1/logs} requests received. */
  public int logRequests() {
    return logRequests.get();
  }

  /** The HTTP headers of the latest request (names case-insensitive). */
  public Map<String, String> lastHeaders() {
    return lastHeaders;
  }

  /** Every span received so far, in arrival order. */
  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  /** Every metric received so far (one entry per metric per export), in arrival order. */
  public List<ReceivedMetric> metrics() {
    synchronized (lock) {
      return List.copyOf(metrics);
    }
  }

  /** Every log record received so far, in arrival order. */
  public List<ReceivedLog> logs() {
    synchronized (lock) {
      return List.copyOf(logs);
    }
  }

  /**
   * Waits until a log record whose body is {@code body} has arrived.
   *
   * @throws AssertionError listing what did arrive, if none did within {@code timeout}
   */
  public ReceivedLog awaitLog(String body, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (ReceivedLog l : logs) {
          if (l.body().equals(body)) {
            return l;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("OTLP receiver: expected a log record \"" + body + "\" within " + timeout
              + "; received " + logs.size() + " log records: " + logs);
        }
        waitNanos(left);
      }
    }
  }

  /** Forgets what was received. */
  public void clear() {
    synchronized (lock) {
      spans.clear();
      metrics.clear();
      logs.clear();
    }
  }

  /**
   * Waits until a span named {@code name} has arrived.
   *
   * @throws AssertionError listing what did arrive, if none did within {@code timeout}
   */
  public ReceivedSpan awaitSpan(String name, Duration timeout) {
    List<ReceivedSpan> found = awaitSpans(list -> list.stream().anyMatch(s -> s.name().equals(name)), timeout,
        "a span named '" + name + "'");
    return found.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** Waits until at least {@code count} spans have arrived; returns all received. */
  public List<ReceivedSpan> awaitSpanCount(int count, Duration timeout) {
    return awaitSpans(list -> list.size() >= count, timeout, count + " spans");
  }

  /** Waits until the received spans satisfy {@code condition}; returns them. */
  public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!condition.test(List.copyOf(spans))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("OTLP receiver: expected " + what + " within " + timeout + "; received "
              + spans.size() + " spans: " + spans);
        }
        waitNanos(left);
      }
      return List.copyOf(spans);
    }
  }

  /** Waits until metric {@code name} has arrived; returns its latest export. */
  public ReceivedMetric awaitMetric(String name, Duration timeout) {
    return awaitMetric(name, m -> true, timeout);
  }

  /**
   * Waits until an export of metric {@code name} satisfies {@code condition}; returns the latest
   * such export.
   *
   * @throws AssertionError listing the metrics that did arrive, on timeout
   */
  public ReceivedMetric awaitMetric(String name, Predicate<ReceivedMetric> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (int i = metrics.size() - 1; i >= 0; i--) {
          ReceivedMetric m = metrics.get(i);
          if (m.name().equals(name) && condition.test(m)) {
            return m;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("OTLP receiver: no matching export of metric '" + name + "' within "
              + timeout + "; received: " + metrics);
        }
        waitNanos(left);
      }
    }
  }

  private void waitNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(lock, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for OTLP data", e);
    }
  }

  @FunctionalInterface
  private interface Decoder {
    byte[] decode(byte[] body) throws InvalidProtocolBufferException;
  }

  private void handle(HttpExchange exchange, Decoder decoder, AtomicInteger counter) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = readBody(exchange);
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
      lastHeaders = headers;
      counter.incrementAndGet();
      if (hang) {
        awaitClose();
        return;
      }
      int status = failStatus;
      if (status != 0) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && !type.startsWith("application/x-protobuf")) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      byte[] response;
      try {
        response = decoder.decode(body);
      } catch (InvalidProtocolBufferException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      } catch (RuntimeException | LinkageError e) {
        // Say it loudly: a broken receiver must not look like a flaky exporter.
        System.err.println("OtlpHttpReceiver: cannot decode " + exchange.getRequestURI() + ": " + e);
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      if (response.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response);
        }
      }
    }
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    try (InputStream body = in) {
      return body.readAllBytes();
    }
  }

  private byte[] onTraces(byte[] body) throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    synchronized (lock) {
      for (ResourceSpans rs : request.getResourceSpansList()) {
        Map<String, Object> resource = OtlpValues.attributes(rs.getResource().getAttributesList());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span span : ss.getSpansList()) {
            spans.add(new ReceivedSpan(resource, ss.getScope().getName(), span));
          }
        }
      }
      lock.notifyAll();
    }
    return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
  }

  private byte[] onMetrics(byte[] body) throws InvalidProtocolBufferException {
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
    synchronized (lock) {
      for (ResourceMetrics rm : request.getResourceMetricsList()) {
        Map<String, Object> resource = OtlpValues.attributes(rm.getResource().getAttributesList());
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
          for (Metric metric : sm.getMetricsList()) {
            metrics.add(new ReceivedMetric(resource, sm.getScope().getName(), metric));
          }
        }
      }
      lock.notifyAll();
    }
    return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
  }

  private byte[] onLogs(byte[] body) throws InvalidProtocolBufferException {
    ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
    synchronized (lock) {
      for (ResourceLogs rl : request.getResourceLogsList()) {
        Map<String, Object> resource = OtlpValues.attributes(rl.getResource().getAttributesList());
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          for (io.opentelemetry.proto.logs.v1.LogRecord record : sl.getLogRecordsList()) {
            logs.add(new ReceivedLog(resource, sl.getScope().getName(), record));
          }
        }
      }
      lock.notifyAll();
    }
    return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
  }

  /** Stops the server, releasing hung requests. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "OtlpHttpReceiver{" + endpoint() + '}';
  }
}
