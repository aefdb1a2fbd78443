package dev.obskit.benchmarks.spring;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.Filter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * One Spring MVC request (MockMvc: the DispatcherServlet and Spring's observation filter, no
 * socket) traced by obskit's ObservationHandler, by Micrometer Tracing's OpenTelemetry bridge,
 * or by nothing. Target: obskit no slower than the bridge. Compare the rows of one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpringMvcRequestBenchmark {
  @Param({"OBSKIT", "MICROMETER_TRACING_OTEL", "NONE"})
  public Tracers tracer;

  private DiscardingOtlpServer sink;
  private ConfigurableApplicationContext context;
  private MockMvc mvc;

  @Setup(Level.Trial)
  public void start() {
    sink = DiscardingOtlpServer.start();
    context = start(tracer, sink);
    mvc = mockMvc(context);
  }

  /** The application in the given set-up. */
  public static ConfigurableApplicationContext start(Tracers tracer, DiscardingOtlpServer sink) {
    return new SpringApplicationBuilder(BenchmarkApp.class).properties("spring.config.name=benchmark")
        .run(tracer.properties(sink.endpoint()).toArray(String[]::new));
  }

  /** MockMvc over the application, with Spring's observation filter in front, as in the servlet container. */
  public static MockMvc mockMvc(ConfigurableApplicationContext context) {
    Filter observation = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
        .map(FilterRegistrationBean::getFilter).filter(f -> f instanceof ServerHttpObservationFilter)
        .findFirst().orElseThrow(() -> new IllegalStateException("no ServerHttpObservationFilter"));
    return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).addFilters(observation).build();
  }

  @TearDown(Level.Trial)
  public void stop() {
    context.close();
    sink.close();
  }

  @Benchmark
  public MvcResult request() throws Exception {
    return mvc.perform(get("/questions/{id}", "42")).andReturn();
  }
}
