package dev.obskit.benchmarks;

import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.benchmarks.support.CountingSpanProcessor;
import dev.obskit.benchmarks.support.Facade;
import dev.obskit.benchmarks.support.IdleMetricReader;
import dev.obskit.benchmarks.support.OtelServletFilter;
import dev.obskit.integration.servlet.ObservabilityFilter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One GET handled by a real Jetty 12 (EE10), three ways: no filter ({@code plain}),
 * {@link ObservabilityFilter} on the facade with traces and metrics on the OpenTelemetry backend
 * ({@code obskitFilter}), and a filter on OpenTelemetry's HTTP server instrumentation API over
 * the raw SDK ({@code otelInstrumenterFilter}). The filter's added cost is the difference to
 * {@code plain} in the same run. Requests go through Jetty's in-memory {@link LocalConnector}
 * (Jetty parses the request and runs the servlet chain exactly as for a socket): over loopback
 * TCP the round trip's noise on a busy 2-core machine (hundreds of microseconds) hid a filter's
 * few microseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
public class HttpServerBenchmark {
  private static final String REQUEST = "GET /orders/1 HTTP/1.1\r\nHost: localhost\r\n"
      + "User-Agent: bench\r\n\r\n";

  /** A Jetty with one servlet behind {@link #filter()} (none for the plain server). */
  @State(Scope.Benchmark)
  public abstract static class Jetty {
    Server server;
    LocalConnector local;

    /** The filter under test, or null. */
    abstract Filter filter();

    @Setup(Level.Trial)
    public void start() throws Exception {
      server = new Server();
      local = new LocalConnector(server);
      server.addConnector(local);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      Filter filter = filter();
      if (filter != null) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      }
      context.addServlet(new ServletHolder(new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
          res.setContentType("text/plain");
          res.getWriter().write("ok");
        }
      }), "/orders/*");
      server.setHandler(context);
      server.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      server.stop();
      afterStop();
    }

    void afterStop() {}

    String get() throws Exception {
      String r = local.getResponse(REQUEST, 5, TimeUnit.SECONDS);
      if (r == null || !r.startsWith("HTTP/1.1 200")) {
        throw new IllegalStateException("unexpected response: " + r);
      }
      return r;
    }
  }

  /** No filter. */
  public static class Plain extends Jetty {
    @Override
    Filter filter() {
      return null;
    }
  }

  /** The obskit filter; the facade's traces and metrics on the OpenTelemetry backend. */
  public static class Obskit extends Jetty {
    Observability obs;

    @Override
    Filter filter() {
      obs = Facade.otelTraces().route(Signal.METRICS, "otel").set("otel.metrics.exporter", "logging")
          .set("otel.metrics.export_interval", "2h").build();
      return new ObservabilityFilter(obs);
    }

    @Override
    void afterStop() {
      Facade.closeAndCheck(obs, "http requests");
    }
  }

  /** OpenTelemetry's instrumentation API over the raw SDK (span processor counting, idle metric reader). */
  public static class Otel extends Jetty {
    OpenTelemetrySdk otel;
    CountingSpanProcessor spans;

    @Override
    Filter filter() {
      spans = new CountingSpanProcessor();
      otel = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(spans).build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(new IdleMetricReader()).build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
      return new OtelServletFilter(otel);
    }

    @Override
    void afterStop() {
      long ended = spans.ended();
      otel.close();
      if (ended == 0) {
        throw new IllegalStateException("the OpenTelemetry filter ended no span: it measured nothing");
      }
    }
  }

  @Benchmark
  public String plain(Plain s) throws Exception {
    return s.get();
  }

  @Benchmark
  public String obskitFilter(Obskit s) throws Exception {
    return s.get();
  }

  @Benchmark
  public String otelInstrumenterFilter(Otel s) throws Exception {
    return s.get();
  }
}
