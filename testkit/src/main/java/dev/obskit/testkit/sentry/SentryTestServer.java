package dev.obskit.testkit.sentry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * A wire-level Sentry ingest endpoint for tests: the real Sentry SDK sends envelopes to it
 * through {@link #dsn()}. Listens on 127.0.0.1 on a free port; accepts
 * {@code POST /api/<project>/envelope/} (gzip or plain), parses every envelope and keeps it.
 *
 * <p>Failure modes: {@link #respondWith429(int)}, {@link #respondWithStatus(int)} (500, ...),
 * {@link #stall()} (accept the request but answer only after {@link #resume()}), and
 * {@link #close()} (connections are refused from then on).
 *
 * <pre>{@code
 * try (SentryTestServer sentry = SentryTestServer.start()) {
 *   ... configure sentry.dsn = sentry.dsn() ...
 *   ReceivedItem event = sentry.awaitEvent(e -> true, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class SentryTestServer implements AutoCloseable {
  /** The public key in {@link #dsn()}. */
  public static final String KEY = "key";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Object lock = new Object();
  private final List<Envelope> envelopes = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status = 200;
  private volatile int retryAfterSeconds;
  private volatile CountDownLatch stalled;

  private SentryTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "sentry-test-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static SentryTestServer start() {
    try {
      return new SentryTestServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Sentry test server on 127.0.0.1", e);
    }
  }

  /** The port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://key@127.0.0.1:PORT/1}. */
  public String dsn() {
    return dsn(KEY);
  }

  /** A DSN for this server with another public key. */
  public String dsn(String key) {
    return "http://" + key + "@127.0.0.1:" + port() + "/1";
  }

  /** From now on answer every envelope with {@code status} (200 restores normal operation). */
  public void respondWithStatus(int status) {
    this.retryAfterSeconds = 0;
    this.status = status;
  }

  /** From now on answer 429 with {@code Retry-After: seconds}. */
  public void respondWith429(int seconds) {
    this.retryAfterSeconds = seconds;
    this.status = 429;
  }

  /** Holds every response until {@link #resume()} (a server that hangs). */
  public void stall() {
    stalled = new CountDownLatch(1);
  }

  /** Releases held responses. */
  public void resume() {
    CountDownLatch s = stalled;
    stalled = null;
    if (s != null) {
      s.countDown();
    }
  }

  /** HTTP requests received, including refused (non-200) ones. */
  public int requestCount() {
    return requests.get();
  }

  /** Every envelope received and answered with 200, in order. */
  public List<Envelope> envelopes() {
    synchronized (lock) {
      return new ArrayList<>(envelopes);
    }
  }

  /** Every {@code event} item received. */
  public List<ReceivedItem> events() {
    return items("event");
  }

  /** Every {@code transaction} item received. */
  public List<ReceivedItem> transactions() {
    return items("transaction");
  }

  /** Every item of {@code type} received. */
  public List<ReceivedItem> items(String type) {
    List<ReceivedItem> out = new ArrayList<>();
    for (Envelope e : envelopes()) {
      for (EnvelopeItem i : e.items(type)) {
        out.add(new ReceivedItem(e, i));
      }
    }
    return out;
  }

  /** Every Sentry log received (the entries of every {@code log} item), in order. */
  public List<ReceivedLog> logs() {
    List<ReceivedLog> out = new ArrayList<>();
    for (ReceivedItem item : items("log")) {
      Object entries = item.payload().get("items");
      if (entries instanceof List<?> list) {
        for (Object entry : list) {
          if (entry instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) m;
            out.add(new ReceivedLog(item.envelope(), json));
          }
        }
      }
    }
    return out;
  }

  /**
   * Waits until a log whose body is {@code body} arrives.
   *
   * @throws AssertionError on timeout, listing the logs that did arrive
   */
  public ReceivedLog awaitLog(String body, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (ReceivedLog l : logs()) {
          if (l.body().equals(body)) {
            return l;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected a Sentry log \"" + body + "\" within " + timeout + "; received "
              + logs() + "; rejected bodies: " + rejected);
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for a log", e);
        }
      }
    }
  }

  /** Bodies that could not be parsed (should stay empty), with the reason. */
  public List<String> rejected() {
    synchronized (lock) {
      return new ArrayList<>(rejected);
    }
  }

  /** Forgets everything received. */
  public void clear() {
    synchronized (lock) {
      envelopes.clear();
      rejected.clear();
    }
  }

  /**
   * Waits until an event matching {@code condition} arrives.
   *
   * @throws AssertionError on timeout, listing what did arrive
   */
  public ReceivedItem awaitEvent(Predicate<ReceivedItem> condition, Duration timeout) {
    return awaitItems("event", condition, 1, timeout).get(0);
  }

  /** Waits until a transaction matching {@code condition} arrives. */
  public ReceivedItem awaitTransaction(Predicate<ReceivedItem> condition, Duration timeout) {
    return awaitItems("transaction", condition, 1, timeout).get(0);
  }

  /**
   * Waits until at least {@code count} items of {@code type} match {@code condition}; returns
   * the matching ones.
   *
   * @throws AssertionError on timeout, listing what did arrive
   */
  public List<ReceivedItem> awaitItems(String type, Predicate<ReceivedItem> condition, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<ReceivedItem> matching = new ArrayList<>();
        for (ReceivedItem i : items(type)) {
          if (condition.test(i)) {
            matching.add(i);
          }
        }
        if (matching.size() >= count) {
          return matching;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " matching " + type + " item(s) within " + timeout
              + " but " + matching.size() + " matched; received " + items(type) + " in " + envelopes.size()
              + " envelope(s); rejected bodies: " + rejected);
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + type, e);
        }
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      CountDownLatch s = stalled;
      if (s != null) {
        try {
          s.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String path = exchange.getRequestURI().getPath();
      if (!"POST".equals(exchange.getRequestMethod()) || !path.matches("/api/[^/]+/envelope/?")) {
        respond(exchange, 404, "not a Sentry envelope endpoint");
        return;
      }
      byte[] body = readBody(exchange);
      int answer = status;
      if (answer != 200) {
        if (answer == 429 && retryAfterSeconds > 0) {
          exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
        }
        respond(exchange, answer, "");
        return;
      }
      synchronized (lock) {
        try {
          envelopes.add(Envelope.parse(body));
        } catch (RuntimeException e) {
          rejected.add(e.getMessage());
        }
        lock.notifyAll();
      }
      respond(exchange, 200, "{}");
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readAllBytes();
      }
    }
    return raw;
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops listening: later connections are refused. Releases stalled requests. */
  @Override
  public void close() {
    resume();
    server.stop(0);
    executor.shutdownNow();
  }
}
