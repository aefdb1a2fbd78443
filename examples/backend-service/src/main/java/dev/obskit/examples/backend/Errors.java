package dev.obskit.examples.backend;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The backend's exception handler. It maps exceptions to responses and counts
 * them in {@link ApplicationMetrics}; it does not capture them: the starter captures an error
 * once when its request ends in a 5xx, with the request's trace, span and user, and never a 4xx.
 */
@RestControllerAdvice
class Errors {
  private final ApplicationMetrics metrics;

  Errors(ApplicationMetrics metrics) {
    this.metrics = metrics;
  }

  /** No such test session: the client's mistake (404). */
  static final class TestNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TestNotFoundException(long id) {
      super("no test session " + id);
    }
  }

  /** A dependency is down: our problem (503). */
  static final class ScoringUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScoringUnavailableException(String message) {
      super(message);
    }
  }

  @ExceptionHandler(TestNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(TestNotFoundException e, HttpServletRequest request) {
    metrics.recordError("TestNotFound", route(request));
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(ScoringUnavailableException.class)
  ResponseEntity<Map<String, String>> unavailable(ScoringUnavailableException e, HttpServletRequest request) {
    metrics.recordError("ScoringUnavailable", route(request));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
  }

  /** The route template ({@code /v1/tests/{id}}): a label with a bounded number of values. */
  private static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return pattern == null ? "unmatched" : pattern.toString();
  }
}
