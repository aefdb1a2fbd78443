package dev.obskit.examples.backend;

import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** The backend's routes: start a test session (questions from the question service), read it, score it. */
@RestController
class TestSessionController {
  private final Observability obs;
  private final ApplicationMetrics metrics;
  private final RestClient questionService;
  private final Map<Long, TestSession> sessions = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  TestSessionController(Observability obs, ApplicationMetrics metrics, RestClient questionService) {
    this.obs = obs;
    this.metrics = metrics;
    this.questionService = questionService;
  }

  /** A test session and the question run that filled it. */
  record TestSession(long id, boolean adaptive, int questions, Map<String, Object> run) {}

  @PostMapping("/v1/tests")
  TestSession start(@RequestParam(defaultValue = "false") boolean adaptive,
      @RequestParam(defaultValue = "6") int questions) {
    @SuppressWarnings("unchecked")
    Map<String, Object> run = questionService.post().uri("/runs?items={n}", questions).retrieve().body(Map.class);
    int stored = ((Number) run.get("stored")).intValue();
    TestSession session;
    try (Span span = obs.startSpan("create test session")) {
      session = new TestSession(ids.incrementAndGet(), adaptive, stored, run);
      sessions.put(session.id(), session);
      span.setAttribute("session.id", session.id());
      span.setAttribute("session.questions", stored);
    }
    metrics.recordTestStarted(adaptive, questions);
    metrics.recordQuestionsGenerated(stored, "mixed");
    return session;
  }

  @GetMapping("/v1/tests/{id}")
  TestSession get(@PathVariable long id) {
    TestSession session = sessions.get(id);
    if (session == null) {
      throw new Errors.TestNotFoundException(id);
    }
    return session;
  }

  @PostMapping("/v1/tests/{id}/score")
  Map<String, Object> score(@PathVariable long id) {
    TestSession session = get(id);
    // The scoring engine is not part of this example: scoring always fails, so that the failing
    // request's error can be followed to Sentry with its trace and its user.
    throw new Errors.ScoringUnavailableException("scoring engine unavailable for session " + session.id());
  }

  @PostMapping("/v1/tests/{id}/complete")
  Map<String, Object> complete(@PathVariable long id) {
    TestSession session = get(id);
    metrics.recordTestCompleted(session.adaptive());
    return Map.of("id", id, "completed", true);
  }
}
