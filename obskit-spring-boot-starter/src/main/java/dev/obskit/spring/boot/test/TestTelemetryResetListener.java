package dev.obskit.spring.boot.test;

import dev.obskit.testkit.TestTelemetry;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Clears the {@link TestTelemetry} bean before each test method: Spring caches one application
 * context for many tests, and each test should see only its own telemetry.
 */
public class TestTelemetryResetListener implements TestExecutionListener, org.springframework.core.Ordered {
  @Override
  public void beforeTestMethod(TestContext testContext) {
    ApplicationContext context = testContext.getApplicationContext();
    context.getBeanProvider(TestTelemetry.class).ifAvailable(TestTelemetry::reset);
  }

  @Override
  public int getOrder() {
    return 5000; // after dependency injection, before the test's own @BeforeEach work matters
  }
}
