package dev.obskit.examples.backend;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The example backend service after its migration to the facade: routes, an exception handler, a
 * request middleware and the {@link ApplicationMetrics} helper, all reporting through the
 * {@code Observability} bean the starter builds from {@code backend-service.yaml}. It starts test
 * sessions by calling the question service over HTTP.
 */
@SpringBootApplication
public class BackendServiceApplication {

  /** The application, reading {@code backend-service.yaml} (so that it can share a JVM with the question service in tests). */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(BackendServiceApplication.class)
        .properties("spring.config.name=backend-service");
  }

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The question service's client, from Spring's {@code RestClient.Builder}: each call is a client
   * observation, so a client span that carries the trace to the question service.
   */
  @Bean
  RestClient questionService(RestClient.Builder builder, @Value("${question-service.url}") String url) {
    return builder.baseUrl(url).build();
  }
}
