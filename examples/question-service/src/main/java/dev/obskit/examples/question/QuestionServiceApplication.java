package dev.obskit.examples.question;

import dev.obskit.api.Observability;
import dev.obskit.examples.QuestionPipeline;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * The example question service: the question-generation pipeline behind an HTTP
 * endpoint. Its telemetry goes through the {@code Observability} bean the starter builds from
 * {@code question-service.yaml}; the pipeline itself is the one the demo runs.
 */
@SpringBootApplication
public class QuestionServiceApplication {

  /** The application, reading {@code question-service.yaml} (so that it can share a JVM with the backend in tests). */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(QuestionServiceApplication.class)
        .properties("spring.config.name=question-service");
  }

  public static void main(String[] args) {
    application().run(args);
  }

  /** One pipeline per service: its store outlives a run. */
  @Bean(destroyMethod = "stopGauges")
  QuestionPipeline questionPipeline(Observability observability) {
    return new QuestionPipeline(observability, 42);
  }
}
