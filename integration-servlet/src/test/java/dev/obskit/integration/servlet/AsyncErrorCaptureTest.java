package dev.obskit.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.Observability;
import dev.obskit.api.User;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.testkit.MemoryBackendProvider;
import dev.obskit.testkit.RecordedSpan;
import dev.obskit.testkit.TestTelemetry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletChannelState;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors of async requests in a real Jetty 12 on 127.0.0.1: an exception escaping an async
 * re-dispatch ({@code startAsync()} then {@code dispatch()}), or one the application reports
 * through {@code AsyncListener.onError}, is captured once, in the request's scope and with its
 * SERVER span's ids, whether the filter is mapped for ASYNC dispatches or for REQUEST only.
 */
class AsyncErrorCaptureTest {
  private final TestTelemetry telemetry = new TestTelemetry();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Observability obs;
  private JettyServer jetty;

  /** How the application maps the filter. */
  enum Mapping {
    REQUEST_AND_ASYNC(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC)),
    REQUEST_ONLY(EnumSet.of(DispatcherType.REQUEST));

    final EnumSet<DispatcherType> types;

    Mapping(EnumSet<DispatcherType> types) {
      this.types = types;
    }
  }

  private void start(Mapping mapping, HttpServlet servlet) {
    obs = ObservabilitySdk.builder().serviceName("orders").environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry))
        .route(Signal.ERRORS, "memory").route(Signal.EVENTS, "memory").route(Signal.TRACES, "memory")
        .route(Signal.METRICS, "memory").build();
    jetty = new JettyServer().filter(new ObservabilityFilter(obs), mapping.types).servlet("/orders/*", servlet).start();
  }

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(jetty.uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(Mapping.class)
  void anExceptionEscapingAnAsyncDispatchIsCapturedOnceInTheRequest(Mapping mapping) throws Exception {
    IllegalStateException boom = new IllegalStateException("inventory down, later");
    start(mapping, new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        if (req.getDispatcherType() == DispatcherType.REQUEST) {
          obs.setUser(User.id("u-async"));
          AsyncContext async = req.startAsync();
          CompletableFuture.runAsync(async::dispatch, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
          return;
        }
        throw boom;
      }
    });

    HttpResponse<String> r = get("/orders/7?token=x");

    assertThat(r.statusCode()).isEqualTo(500);
    RecordedSpan span = awaitSpan();
    assertCapturedOnceInRequest(span, boom);
  }

  @ParameterizedTest
  @EnumSource(Mapping.class)
  void anErrorReportedToAsyncListenersIsCapturedOnceInTheRequest(Mapping mapping) throws Exception {
    IllegalStateException boom = new IllegalStateException("worker failed");
    AtomicReference<Throwable> heard = new AtomicReference<>();
    start(mapping, new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        obs.setUser(User.id("u-async"));
        AsyncContext async = req.startAsync();
        // A worker fails; Jetty's async error path (the one its async I/O uses) tells every
        // AsyncListener through onError: this one, and the filter's.
        async.addListener(new AsyncListener() {
          @Override
          public void onError(AsyncEvent event) {
            heard.compareAndSet(null, event.getThrowable());
          }

          @Override
          public void onComplete(AsyncEvent event) {}

          @Override
          public void onTimeout(AsyncEvent event) {}

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
        ServletChannelState state = ServletContextRequest.getServletContextRequest(req).getServletRequestState();
        CompletableFuture.runAsync(() -> state.asyncError(boom), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
      }
    });

    HttpResponse<String> r = get("/orders/7?token=x");

    assertThat(r.statusCode()).isEqualTo(500);
    RecordedSpan span = awaitSpan();
    assertThat(heard.get()).as("the container reported an async error").isNotNull();
    assertCapturedOnceInRequest(span, boom);
  }

  private void assertCapturedOnceInRequest(RecordedSpan span, Throwable boom) throws InterruptedException {
    assertThat(span.exceptions()).containsExactly(boom);
    List<ErrorEvent> errors = telemetry.errors();
    assertThat(errors).hasSize(1);
    ErrorEvent error = errors.get(0);
    assertThat(error.error()).isSameAs(boom);
    assertThat(error.spanContext().traceId()).isEqualTo(span.traceId());
    assertThat(error.spanContext().spanId()).isEqualTo(span.spanId());
    assertThat(error.user()).isEqualTo(User.id("u-async"));
    assertThat(error.contexts().get("http")).containsEntry("method", "GET").containsEntry("url.path", "/orders/7")
        .containsEntry("query_keys", List.of("token"));
    // Nothing else arrives later (a second capture from another path).
    Thread.sleep(200);
    assertThat(telemetry.errors()).hasSize(1);
  }

  private RecordedSpan awaitSpan() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      var s = telemetry.span("GET /orders/*");
      if (s.isPresent()) {
        return s.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no span in " + telemetry.summary());
  }
}
