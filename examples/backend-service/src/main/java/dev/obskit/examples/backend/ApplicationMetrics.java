package dev.obskit.examples.backend;

import dev.obskit.api.Counter;
import dev.obskit.api.Histogram;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Observability;
import org.springframework.stereotype.Component;

/**
 * The backend's business metrics, kept as a service-specific helper
 * whose recording is delegated to the facade. Call sites did not change when the implementation moved from the OpenTelemetry SDK to
 * the facade; where the numbers go is routing's business ({@code routing.metrics}).
 */
@Component
public class ApplicationMetrics {
  private static final Labels ADAPTIVE = Labels.of("adaptive", "true");
  private static final Labels FIXED = Labels.of("adaptive", "false");

  private final Counter testsStarted;
  private final Counter testsCompleted;
  private final Histogram questionsPerTest;
  private final Counter questionsGenerated;
  private final Counter errors;

  public ApplicationMetrics(Observability obs) {
    this.testsStarted = obs.counter("test.sessions.started",
        InstrumentOptions.builder().description("Test sessions started").build());
    this.testsCompleted = obs.counter("test.sessions.completed");
    this.questionsPerTest = obs.histogram("test.sessions.questions",
        InstrumentOptions.builder().unit("{question}").buckets(5, 10, 20, 50).build());
    this.questionsGenerated = obs.counter("questions.generated");
    this.errors = obs.counter("app.errors",
        InstrumentOptions.builder().description("Errors answered by the exception handler").build());
  }

  /** A test session started with {@code questionCount} questions. */
  public void recordTestStarted(boolean adaptive, int questionCount) {
    Labels labels = adaptive ? ADAPTIVE : FIXED;
    testsStarted.add(1, labels);
    questionsPerTest.record(questionCount, labels);
  }

  /** A test session was completed. */
  public void recordTestCompleted(boolean adaptive) {
    testsCompleted.add(1, adaptive ? ADAPTIVE : FIXED);
  }

  /** The question service produced {@code count} questions for a session. */
  public void recordQuestionsGenerated(int count, String questionType) {
    questionsGenerated.add(count, Labels.of("question_type", questionType));
  }

  /** The exception handler answered an error; {@code path} is the route template, not the raw path. */
  public void recordError(String errorType, String path) {
    errors.add(1, Labels.of("error_type", errorType, "path", path));
  }
}
