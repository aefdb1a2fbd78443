package dev.obskit.spring.boot.web;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.User;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClient;

/** A small Spring MVC application for the starter's tests. */
@SpringBootApplication
public class DemoWebApp {

  /** Thrown by a handler and mapped to 503 by an {@code @ExceptionHandler}. */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  /** Thrown by a handler and mapped to 400. */
  public static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }

  @RestController
  static class Routes {
    private final Observability obs;
    private final RestClient client;

    Routes(Observability obs, RestClient.Builder client) {
      this.obs = obs;
      this.client = client.build();
    }

    @GetMapping("/hello/{name}")
    String hello(@PathVariable String name) {
      try (Span span = obs.startSpan("greet")) {
        span.setAttribute("name", name);
        obs.counter("greetings").add(1);
        return "hello " + name;
      }
    }

    @GetMapping("/fail")
    String fail(@RequestParam(defaultValue = "anonymous") String user) {
      obs.setUser(User.id(user));
      throw new IllegalStateException("boom for " + user);
    }

    @GetMapping("/unavailable")
    String unavailable() {
      throw new Unavailable("store is down");
    }

    @GetMapping("/bad")
    String bad() {
      throw new BadInput("no such thing");
    }

    @GetMapping("/relay")
    String relay(@RequestParam int port) {
      return client.get().uri("http://127.0.0.1:" + port + "/hello/relay").retrieve().body(String.class);
    }
  }

  @RestControllerAdvice
  static class Errors {
    @ExceptionHandler(Unavailable.class)
    ResponseEntity<String> unavailable(Unavailable e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(e.getMessage());
    }

    @ExceptionHandler(BadInput.class)
    ResponseEntity<String> bad(BadInput e) {
      return ResponseEntity.badRequest().body(e.getMessage());
    }
  }
}
