package dev.obskit.benchmarks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.obskit.spring.boot.observation.ObskitObservationHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The benchmark measures what it says: in each set-up exactly the intended tracer records the
 * request and exports it to the sink. Also the starter next to Spring Boot's own tracing, with
 * nothing said: it backs off and explains why.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracerSetupTest {

  private static long exportedAfter(Tracers tracer, int requests, List<Class<?>> present, List<Class<?>> absent)
      throws Exception {
    try (DiscardingOtlpServer sink = DiscardingOtlpServer.start()) {
      try (ConfigurableApplicationContext context = SpringMvcRequestBenchmark.start(tracer, sink)) {
        MockMvc mvc = SpringMvcRequestBenchmark.mockMvc(context);
        for (int i = 0; i < requests; i++) {
          assertThat(mvc.perform(get("/questions/{id}", "42")).andReturn().getResponse().getStatus()).isEqualTo(200);
        }
        present.forEach(type -> assertThat(context.getBeanNamesForType(type)).as("%s bean", type).isNotEmpty());
        absent.forEach(type -> assertThat(context.getBeanNamesForType(type)).as("%s bean", type).isEmpty());
      } // closing flushes the batch processors
      return sink.requests();
    }
  }

  @Test
  void obskitTracesAndExportsAndMicrometerTracingIsOff() throws Exception {
    assertThat(exportedAfter(Tracers.OBSKIT, 3, List.of(ObskitObservationHandler.class),
        List.of(io.micrometer.tracing.handler.TracingObservationHandler.class))).isPositive();
  }

  @Test
  void micrometerTracingTracesAndExportsAndObskitsHandlerIsOff() throws Exception {
    assertThat(exportedAfter(Tracers.MICROMETER_TRACING_OTEL, 3, List.of(io.micrometer.tracing.handler.TracingObservationHandler.class),
        List.of(ObskitObservationHandler.class))).isPositive();
  }

  @Test
  void theBaselineTracesNothing() throws Exception {
    assertThat(exportedAfter(Tracers.NONE, 3, List.of(),
        List.of(ObskitObservationHandler.class, io.micrometer.tracing.handler.TracingObservationHandler.class))).isZero();
  }

  @Test
  void nextToSpringBootsTracingTheStarterBacksOffAndSaysWhy(CapturedOutput output) {
    try (DiscardingOtlpServer sink = DiscardingOtlpServer.start()) {
      List<String> args = new ArrayList<>(Tracers.MICROMETER_TRACING_OTEL.properties(sink.endpoint()));
      args.removeIf(a -> a.startsWith("--obskit.observation-handler"));
      args.add("--logging.level.dev.obskit=info");
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApp.class)
          .properties("spring.config.name=benchmark").run(args.toArray(String[]::new))) {
        assertThat(context.getBeanNamesForType(ObskitObservationHandler.class)).isEmpty();
        assertThat(context.getBeanNamesForType(io.micrometer.tracing.handler.TracingObservationHandler.class)).isNotEmpty();
      }
    }
    assertThat(output).contains("traced by Micrometer Tracing (micrometer-tracing-bridge-otel), not by obskit");
  }

  @Test
  void bothTracersOnAreNeverSilent(CapturedOutput output) {
    try (DiscardingOtlpServer sink = DiscardingOtlpServer.start()) {
      List<String> args = new ArrayList<>(Tracers.MICROMETER_TRACING_OTEL.properties(sink.endpoint()));
      args.removeIf(a -> a.startsWith("--obskit.observation-handler"));
      args.add("--obskit.observation-handler=true");
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApp.class)
          .properties("spring.config.name=benchmark").run(args.toArray(String[]::new))) {
        assertThat(context.getBeanNamesForType(ObskitObservationHandler.class)).isNotEmpty();
      }
    }
    assertThat(output).contains("two tracers record Spring's observations");
  }
}
