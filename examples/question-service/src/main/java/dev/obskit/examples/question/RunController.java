package dev.obskit.examples.question;

import dev.obskit.examples.QuestionPipeline;
import dev.obskit.examples.RunSummary;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /runs?items=N}: runs the pipeline and answers its {@link RunSummary}. The request is
 * a server span (the starter's observation handler); the pipeline's spans nest under it, its
 * errors carry its trace, and its metrics go to the metric backend.
 */
@RestController
class RunController {
  static final int MAX_ITEMS = 50;
  private final QuestionPipeline pipeline;

  RunController(QuestionPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @PostMapping("/runs")
  RunSummary run(@RequestParam(defaultValue = "" + QuestionPipeline.DEFAULT_ITEMS) int items) {
    if (items < 1 || items > MAX_ITEMS) {
      throw new IllegalArgumentException("items must be between 1 and " + MAX_ITEMS + ", was " + items);
    }
    // One run at a time: the pipeline counts a run's errors in one field.
    synchronized (pipeline) {
      return pipeline.run(items);
    }
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
  org.springframework.http.ResponseEntity<String> badRequest(IllegalArgumentException e) {
    return org.springframework.http.ResponseEntity.badRequest().body(e.getMessage());
  }
}
