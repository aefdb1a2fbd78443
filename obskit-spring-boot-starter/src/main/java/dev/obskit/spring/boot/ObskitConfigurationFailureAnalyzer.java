package dev.obskit.spring.boot;

import dev.obskit.core.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid obskit configuration into Spring Boot's start-up failure report: every problem
 * with its key and where it was set, instead of a bean-creation stack trace.
 */
final class ObskitConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Fix the obskit settings listed above (application.yaml's obskit: block, obskit.config-file,"
            + " or the OBS_* environment variables named).", cause);
  }
}
