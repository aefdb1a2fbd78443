package dev.obskit.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * In a {@code @SpringBootTest} (or any Spring test), swaps the application's telemetry for the
 * testkit's memory backend: every signal the starter's {@code Observability} bean records, the
 * application's own and Spring's (observations, Micrometer meters), goes to a {@link
 * dev.obskit.testkit.TestTelemetry} bean instead of Sentry or OpenTelemetry. Inject it and assert
 * with {@code ObservabilityAssertions.assertThat(telemetry)}. It is cleared before each test
 * method, so tests sharing one cached application context do not see each other's telemetry.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @AutoConfigureObskitTestkit
 * class QuestionEndpointTest {
 *   @Autowired TestTelemetry telemetry;
 *   @Autowired TestRestTemplate http;
 *
 *   @Test
 *   void countsGeneratedQuestions() {
 *     http.postForObject("/questions?type=math", null, String.class);
 *     assertThat(telemetry).hasCounter("questions.generated").withLabels("type", "math").withTotal(1);
 *   }
 * }
 * }</pre>
 *
 * <p>The application's {@code obskit.*} settings still apply (limits, scrubbing, service name);
 * routing is replaced (every signal to {@code memory}) and {@code OBS_*} environment variables
 * are ignored, so a developer's shell cannot change a test's outcome. Needs {@code
 * dev.obskit:testkit} on the test class path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(ObskitTestkitConfiguration.class)
@TestExecutionListeners(listeners = TestTelemetryResetListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface AutoConfigureObskitTestkit {}
