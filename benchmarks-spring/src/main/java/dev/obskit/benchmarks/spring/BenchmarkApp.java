package dev.obskit.benchmarks.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The measured application: one Spring MVC route, no tracer named in its code. */
@SpringBootApplication
public class BenchmarkApp {
  @RestController
  static class Routes {
    @GetMapping("/questions/{id}")
    String question(@PathVariable String id) {
      return "{\"id\":\"" + id + "\",\"text\":\"2+2\"}";
    }
  }
}
