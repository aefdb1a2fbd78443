package dev.obskit.benchmarks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stand-in Sentry on 127.0.0.1 that accepts every envelope with 200 and counts it. The
 * facade's Sentry backend offers no way to plug a transport, so both sides of every Sentry pair
 * send through Sentry's own asynchronous HTTP transport to this server: the calling thread only
 * enqueues, serialization and the POST happen on Sentry's worker thread, on both sides alike.
 */
public final class LocalSentryServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final LongAdder envelopes = new LongAdder();

  private LocalSentryServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on an ephemeral loopback port. */
  public static LocalSentryServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-sentry-server");
        t.setDaemon(true);
        return t;
      });
      LocalSentryServer local = new LocalSentryServer(server, executor);
      server.createContext("/", local::handle);
      server.setExecutor(executor);
      server.start();
      return local;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local Sentry server on 127.0.0.1", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      body.transferTo(OutputStreamSink.INSTANCE);
    }
    if (exchange.getRequestURI().getPath().endsWith("/envelope/")) {
      envelopes.increment();
    }
    byte[] reply = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  /** The DSN that points Sentry at this server. */
  public String dsn() {
    return "http://benchkey@127.0.0.1:" + server.getAddress().getPort() + "/1";
  }

  /** Envelopes received so far. */
  public long envelopes() {
    return envelopes.sum();
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Discards request bodies. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
